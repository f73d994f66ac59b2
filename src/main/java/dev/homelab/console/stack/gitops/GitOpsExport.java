package dev.homelab.console.stack.gitops;

import dev.homelab.console.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the target state for home labs managed by Flux or Argo CD, which would otherwise revert hand-made changes:
 * per release a values file, a Flux HelmRepository + HelmRelease, an Argo CD Application, templates of the Secrets it
 * needs (keys only, values left for the user), and the equivalent helm commands.
 */
public final class GitOpsExport {

    private GitOpsExport() {
    }

    /** Writes everything under {@code folder}; returns the files written, relative to it. */
    public static List<Path> write(Path folder, List<ReleaseTarget> releases) throws IOException {
        List<Path> written = new ArrayList<>();
        Map<String, String> repositories = new TreeMap<>();
        StringBuilder helm = new StringBuilder("#!/usr/bin/env bash\n# The same target state with plain helm.\n"
                + "set -euo pipefail\n");
        for (ReleaseTarget release : releases) {
            repositories.put(release.chart().repoName(), release.chart().repoUrl().toString());
        }
        repositories.forEach((name, url) -> helm.append("helm repo add ").append(name).append(' ').append(url)
                .append(" --force-update\n"));
        helm.append("helm repo update\n");

        written.add(writeYaml(folder, "flux/helmrepositories.yaml", fluxRepositories(repositories)));
        for (ReleaseTarget release : releases) {
            String base = release.namespace() + "-" + release.name();
            written.add(writeYaml(folder, "values/" + base + ".yaml", List.of(release.values())));
            written.add(writeYaml(folder, "flux/" + base + ".helmrelease.yaml", List.of(fluxHelmRelease(release))));
            written.add(writeYaml(folder, "argocd/" + base + ".application.yaml", List.of(argoApplication(release))));
            if (!release.secrets().isEmpty()) {
                written.add(writeYaml(folder, "secrets/" + base + ".secrets.template.yaml",
                        release.secrets().stream().map(GitOpsExport::secretTemplate).map(m -> (Object) m).toList()));
            }
            helm.append("helm upgrade --install ").append(release.name()).append(' ')
                    .append(release.chart().repoName()).append('/').append(release.chart().chart())
                    .append(" --version ").append(release.chart().version())
                    .append(" --namespace ").append(release.namespace()).append(" --create-namespace")
                    .append(" --values values/").append(base).append(".yaml --wait --timeout 10m\n");
        }
        Path script = folder.resolve("helm-commands.sh");
        Files.createDirectories(folder);
        Files.writeString(script, helm.toString());
        script.toFile().setExecutable(true);
        written.add(folder.relativize(script));
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, """
                # Homelab Console target state

                - `values/` — the complete Helm values of each release.
                - `flux/` — HelmRepository and HelmRelease objects (Flux v2, helm.toolkit.fluxcd.io/v2).
                - `argocd/` — Application objects (argoproj.io/v1alpha1) with the values inline.
                - `secrets/` — the Secrets the releases expect, WITHOUT values: fill them in with your secret tooling
                  (SOPS, Sealed Secrets, External Secrets) and never commit them in clear.
                - `helm-commands.sh` — the same state with plain helm.
                """);
        written.add(folder.relativize(readme));
        return written;
    }

    static List<Object> fluxRepositories(Map<String, String> repositories) {
        List<Object> docs = new ArrayList<>();
        repositories.forEach((name, url) -> docs.add(ordered(
                "apiVersion", "source.toolkit.fluxcd.io/v1",
                "kind", "HelmRepository",
                "metadata", ordered("name", name, "namespace", "flux-system"),
                "spec", ordered("interval", "1h", "url", url))));
        return docs;
    }

    static Map<String, Object> fluxHelmRelease(ReleaseTarget release) {
        return ordered(
                "apiVersion", "helm.toolkit.fluxcd.io/v2",
                "kind", "HelmRelease",
                "metadata", ordered("name", release.name(), "namespace", release.namespace()),
                "spec", ordered(
                        "interval", "30m",
                        "releaseName", release.name(),
                        "chart", ordered("spec", ordered(
                                "chart", release.chart().chart(),
                                "version", release.chart().version(),
                                "sourceRef", ordered("kind", "HelmRepository", "name", release.chart().repoName(),
                                        "namespace", "flux-system"))),
                        "install", ordered("createNamespace", true, "remediation", ordered("retries", 3)),
                        "upgrade", ordered("remediation", ordered("retries", 3)),
                        "values", release.values()));
    }

    static Map<String, Object> argoApplication(ReleaseTarget release) {
        return ordered(
                "apiVersion", "argoproj.io/v1alpha1",
                "kind", "Application",
                "metadata", ordered("name", release.name(), "namespace", "argocd"),
                "spec", ordered(
                        "project", "default",
                        "source", ordered(
                                "repoURL", release.chart().repoUrl().toString(),
                                "chart", release.chart().chart(),
                                "targetRevision", release.chart().version(),
                                "helm", ordered("releaseName", release.name(),
                                        "valuesObject", release.values())),
                        "destination", ordered("server", "https://kubernetes.default.svc",
                                "namespace", release.namespace()),
                        "syncPolicy", ordered("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"))));
    }

    static Map<String, Object> secretTemplate(ReleaseTarget.SecretTemplate secret) {
        Map<String, Object> stringData = new LinkedHashMap<>();
        new TreeMap<>(secret.keysAndSources()).forEach((key, source) -> stringData.put(key, "<" + source + ">"));
        return ordered(
                "apiVersion", "v1",
                "kind", "Secret",
                "metadata", ordered("name", secret.name(), "namespace", secret.namespace()),
                "type", "Opaque",
                "stringData", stringData);
    }

    private static Path writeYaml(Path folder, String relative, List<Object> documents) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (Object document : documents) {
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            text.append(Json.YAML.writeValueAsString(document));
        }
        Files.writeString(file, text.toString());
        return folder.relativize(file);
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
