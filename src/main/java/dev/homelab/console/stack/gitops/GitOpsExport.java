package dev.homelab.console.stack.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the target state for home labs managed by Flux or Argo CD, which would otherwise revert hand-made changes:
 * per release a values file, a Flux HelmRelease (+ HelmRepository) and an Argo CD Application; the objects that live
 * next to the releases under {@code manifests/} (with kustomizations for Flux and Argo CD); a template of every
 * Secret the state refers to (keys and where the values come from, never a value); other files (API payloads); the
 * equivalent kubectl/helm commands; and a README with the notes.
 */
public final class GitOpsExport {

    private GitOpsExport() {
    }

    /**
     * Renders everything first and writes nothing when a text would contain one of {@code secretValues}.
     *
     * @return the files written, relative to {@code folder}
     */
    public static List<Path> write(Path folder, TargetState state, Collection<String> secretValues)
            throws IOException {
        Map<String, String> files = render(state);
        for (Map.Entry<String, String> file : files.entrySet()) {
            for (String secret : secretValues) {
                if (secret != null && secret.length() >= 4 && file.getValue().contains(secret)) {
                    throw new IllegalStateException("The export would write a secret value into " + file.getKey()
                            + "; nothing was written. Report this: the target state must hold Secret references only.");
                }
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
            if (file.getKey().endsWith(".sh")) {
                path.toFile().setExecutable(true);
            }
            written.add(folder.relativize(path));
        }
        return written;
    }

    /** Every file of the export: relative path → text. */
    static Map<String, String> render(TargetState state) {
        List<String> notes = new ArrayList<>(state.notes());
        List<SecretTemplate> secrets = completeTemplates(state, notes);
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> repositories = new TreeMap<>();
        state.releases().forEach(r -> repositories.put(r.chart().repoName(), r.chart().repoUrl().toString()));
        List<String> fluxResources = new ArrayList<>();
        if (!repositories.isEmpty()) {
            files.put("flux/helmrepositories.yaml", yaml(GitOpsDocuments.fluxRepositories(repositories)));
            fluxResources.add("flux/helmrepositories.yaml");
        }
        for (ReleaseTarget release : state.releases()) {
            String stem = release.fileStem();
            files.put("values/" + stem + ".yaml", yaml(List.of(release.values())));
            files.put("flux/" + stem + ".helmrelease.yaml", yaml(List.of(GitOpsDocuments.fluxHelmRelease(release))));
            fluxResources.add("flux/" + stem + ".helmrelease.yaml");
            files.put("argocd/" + stem + ".application.yaml",
                    yaml(List.of(GitOpsDocuments.argoApplication(release))));
        }
        List<String> manifestFiles = new ArrayList<>();
        for (Map<String, Object> manifest : state.manifests()) {
            String name = "manifests/" + manifestFileName(manifest);
            files.put(name, yaml(List.of(manifest)));
            manifestFiles.add(name);
        }
        if (!manifestFiles.isEmpty()) {
            files.put("manifests/kustomization.yaml", yaml(List.of(GitOpsDocuments.kustomization(
                    manifestFiles.stream().map(f -> f.substring("manifests/".length())).toList()))));
            fluxResources.add("manifests");
        }
        files.put("kustomization.yaml", yaml(List.of(GitOpsDocuments.kustomization(fluxResources))));
        for (SecretTemplate secret : secrets) {
            files.put("secrets/" + secret.namespace() + "-" + secret.name() + ".secret.template.yaml",
                    yaml(List.of(GitOpsDocuments.secretTemplate(secret))));
        }
        for (ExtraFile file : state.files()) {
            files.put(file.path(), file.content());
        }
        files.put("helm-commands.sh", HelmScript.render(state.releases(), manifestFiles, secrets));
        files.put("README.md", ExportReadme.render(secrets, notes));
        return files;
    }

    /**
     * The templates the parts gave, plus one for every Secret the values or manifests refer to that none covers (and
     * any referenced key a template lacks), so that the export never points at a Secret it does not describe.
     */
    static List<SecretTemplate> completeTemplates(TargetState state, List<String> notes) {
        Map<String, SecretTemplate> templates = new LinkedHashMap<>();
        state.secrets().forEach(s -> templates.merge(s.id(), s, SecretTemplate::merge));
        List<SecretReferences.Reference> references = new ArrayList<>();
        state.releases().forEach(r -> references.addAll(SecretReferences.inValues(r.namespace(), r.values())));
        state.manifests().forEach(m -> references.addAll(SecretReferences.inManifest(m)));
        for (SecretReferences.Reference ref : references) {
            Map<String, SecretTemplate.ValueSource> keys = new TreeMap<>();
            ref.key().ifPresent(key -> keys.put(key, new SecretTemplate.ValueSource(
                    SecretTemplate.variableFor(ref.name(), key), "referenced at " + ref.where())));
            SecretTemplate referenced = new SecretTemplate(ref.name(), ref.namespace(), keys, "");
            SecretTemplate existing = templates.get(referenced.id());
            templates.put(referenced.id(), existing == null ? referenced : existing.merge(referenced));
        }
        for (SecretTemplate template : templates.values()) {
            if (template.keys().isEmpty()) {
                notes.add("Secret " + template.id() + " is referred to without naming its keys (" + references.stream()
                        .filter(r -> (r.namespace() + "/" + r.name()).equals(template.id()))
                        .map(SecretReferences.Reference::where).findFirst().orElse("?")
                        + "): its template lists no keys; add the ones your chart expects.");
            }
        }
        return List.copyOf(templates.values());
    }

    static String manifestFileName(Map<String, Object> manifest) {
        Map<?, ?> metadata = manifest.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String namespace = Optional.ofNullable(metadata.get("namespace")).map(String::valueOf).orElse("cluster");
        return namespace + "-" + metadata.get("name") + "."
                + String.valueOf(manifest.get("kind")).toLowerCase(Locale.ROOT) + ".yaml";
    }

    private static String yaml(List<?> documents) {
        return ExportYaml.write(documents);
    }
}
