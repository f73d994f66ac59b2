package dev.homelab.console.stack.gitops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Secrets a values tree or a Kubernetes object refers to, so that every one of them gets a template:
 * {@code secretKeyRef} (name + key), {@code envFrom[].secretRef}, secret volumes ({@code secret.secretName} with its
 * items), {@code existingSecret}, Flux {@code valuesFrom} of kind Secret, VictoriaMetrics CR {@code spec.secrets}
 * and the files the operator mounts from them ({@code /etc/vm/secrets/<secret>/<key>}).
 */
public final class SecretReferences {

    private static final Pattern VM_SECRET_FILE =
            Pattern.compile("/etc/vm/secrets/([a-z0-9][a-z0-9.-]*)/([A-Za-z0-9._-]+)");

    /** One reference: the Secret, the key when the reference names one, and where it stands. */
    public record Reference(String namespace, String name, Optional<String> key, String where) {
    }

    private SecretReferences() {
    }

    /** References in a release's values; Secrets are looked up in the release's namespace. */
    public static List<Reference> inValues(String namespace, Map<String, Object> values) {
        List<Reference> found = new ArrayList<>();
        walk(namespace, values, "", found);
        return found;
    }

    /** References in a Kubernetes object (its own namespace). */
    public static List<Reference> inManifest(Map<String, Object> manifest) {
        Object metadata = manifest.get("metadata");
        String namespace = metadata instanceof Map<?, ?> m && m.get("namespace") != null
                ? String.valueOf(m.get("namespace")) : "default";
        List<Reference> found = new ArrayList<>();
        walk(namespace, manifest, "", found);
        return found;
    }

    private static void walk(String namespace, Object node, String path, List<Reference> found) {
        if (node instanceof Map<?, ?> map) {
            inspect(namespace, map, path, found);
            map.forEach((key, value) -> walk(namespace, value, path.isEmpty() ? String.valueOf(key)
                    : path + "." + key, found));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(namespace, list.get(i), path + "[" + i + "]", found);
            }
        } else if (node instanceof String text) {
            Matcher file = VM_SECRET_FILE.matcher(text);
            while (file.find()) {
                found.add(new Reference(namespace, file.group(1), Optional.of(file.group(2)), path));
            }
        }
    }

    private static void inspect(String namespace, Map<?, ?> map, String path, List<Reference> found) {
        if (map.get("secretKeyRef") instanceof Map<?, ?> ref && ref.get("name") != null) {
            found.add(new Reference(namespace, String.valueOf(ref.get("name")),
                    Optional.ofNullable(ref.get("key")).map(String::valueOf), path + ".secretKeyRef"));
        }
        if (map.get("secretRef") instanceof Map<?, ?> ref && ref.get("name") != null) {
            found.add(new Reference(namespace, String.valueOf(ref.get("name")), Optional.empty(), path + ".secretRef"));
        }
        if (map.get("secret") instanceof Map<?, ?> volume && volume.get("secretName") != null) {
            String name = String.valueOf(volume.get("secretName"));
            List<?> items = volume.get("items") instanceof List<?> list ? list : List.of();
            if (items.isEmpty()) {
                found.add(new Reference(namespace, name, Optional.empty(), path + ".secret"));
            }
            for (Object item : items) {
                if (item instanceof Map<?, ?> entry && entry.get("key") != null) {
                    found.add(new Reference(namespace, name, Optional.of(String.valueOf(entry.get("key"))),
                            path + ".secret.items"));
                }
            }
        }
        if (map.get("existingSecret") instanceof String name && !name.isBlank()) {
            found.add(new Reference(namespace, name, Optional.empty(), path + ".existingSecret"));
        }
        if (map.get("valuesFrom") instanceof List<?> sources) {
            for (Object source : sources) {
                if (source instanceof Map<?, ?> from && "Secret".equals(from.get("kind")) && from.get("name") != null) {
                    Object key = from.get("valuesKey");
                    found.add(new Reference(namespace, String.valueOf(from.get("name")),
                            Optional.of(key == null ? "values.yaml" : String.valueOf(key)), path + ".valuesFrom"));
                }
            }
        }
        if (path.endsWith("spec") && map.get("secrets") instanceof List<?> names) {
            for (Object name : names) {
                if (name instanceof String secret && !secret.isBlank()) {
                    found.add(new Reference(namespace, secret, Optional.empty(), path + ".secrets"));
                }
            }
        }
    }
}
