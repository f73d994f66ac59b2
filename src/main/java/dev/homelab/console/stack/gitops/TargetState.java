package dev.homelab.console.stack.gitops;

import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole target state GitOps tools should hold: releases, the Kubernetes objects that live next to them (e.g. a
 * Vector config or Grafana datasource ConfigMap), templates of the Secrets they need, other files (API payloads) and
 * notes for the user about what the export could not express.
 */
public record TargetState(List<ReleaseTarget> releases, List<Map<String, Object>> manifests,
                         List<SecretTemplate> secrets, List<ExtraFile> files, List<String> notes) {

    public TargetState {
        releases = List.copyOf(releases);
        manifests = List.copyOf(manifests);
        secrets = List.copyOf(secrets);
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }

    public static TargetState empty() {
        return new TargetState(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public static TargetState ofRelease(ReleaseTarget release) {
        return empty().withRelease(release);
    }

    public static TargetState ofNote(String note) {
        return empty().withNote(note);
    }

    public TargetState withRelease(ReleaseTarget release) {
        return new TargetState(plus(releases, release), manifests, secrets, files, notes);
    }

    public TargetState withManifest(Map<String, Object> manifest) {
        return new TargetState(releases, plus(manifests, manifest), secrets, files, notes);
    }

    /** A fabric8 object (ConfigMap…) as the plain tree the export writes. */
    public TargetState withObject(HasMetadata object) {
        return withManifest(Json.JSON.convertValue(object, new TypeReference<Map<String, Object>>() { }));
    }

    public TargetState withSecret(SecretTemplate secret) {
        return new TargetState(releases, manifests, plus(secrets, secret), files, notes);
    }

    public TargetState withFile(ExtraFile file) {
        return new TargetState(releases, manifests, secrets, plus(files, file), notes);
    }

    public TargetState withNote(String note) {
        return new TargetState(releases, manifests, secrets, files, plus(notes, note));
    }

    /** Both states together; templates of the same Secret are merged into one. */
    public TargetState plus(TargetState other) {
        Map<String, SecretTemplate> merged = new LinkedHashMap<>();
        for (SecretTemplate secret : concat(secrets, other.secrets)) {
            merged.merge(secret.id(), secret, SecretTemplate::merge);
        }
        return new TargetState(concat(releases, other.releases), concat(manifests, other.manifests),
                List.copyOf(merged.values()), concat(files, other.files), concat(notes, other.notes));
    }

    private static <T> List<T> plus(List<T> list, T item) {
        return concat(list, List.of(item));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
