package dev.homelab.console.stack.loki;

import dev.homelab.console.stack.gitops.SecretTemplate;
import dev.homelab.console.stack.values.ValuesTree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loki's values as a GitOps repository may hold them: S3 keys written in clear are moved into a Secret the chart
 * injects ({@code ${VAR}} + {@code -config.expand-env=true} + {@code global.extraEnvFrom}), other clear credentials are
 * redacted, and every Secret the values take {@code ${VAR}}s from gets a template with its keys.
 */
public final class LokiExportValues {

    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}");
    private static final Pattern CLEAR_CREDENTIAL = Pattern.compile(
            "(?i).*(password|passwd|token|secretaccesskey|accesskeyid|secret_key|access_key|credentials).*");
    private static final Pattern REFERENCE = Pattern.compile("(?i).*(name|ref|file|path|secret)$");
    private static final List<String> ENV_SECTIONS = List.of("global", "defaults", "singleBinary", "loki", "backend",
            "write", "read");
    static final String ACCESS_KEY_PATH = "loki.storage.s3.accessKeyId";
    static final String SECRET_KEY_PATH = "loki.storage.s3.secretAccessKey";
    static final String EXPAND_ENV = "-config.expand-env=true";

    /**
     * @param values  what to write to the values file
     * @param secrets a template for every Secret the values take credentials from
     * @param notes   what changed against the installed values, and why
     */
    public record Exported(Map<String, Object> values, List<SecretTemplate> secrets, List<String> notes) {
    }

    /** Environment variables the helm script reads the S3 keys from. */
    public record KeyVariables(String accessKey, String secretKey) {
    }

    private LokiExportValues() {
    }

    /**
     * @param secretKeys the key names of a Secret in Loki's namespace, when it exists (never its values)
     */
    public static Exported of(String release, String namespace, Map<String, Object> reviewedValues,
                              KeyVariables variables, Function<String, Optional<Set<String>>> secretKeys) {
        Map<String, Object> values = ValuesTree.deepCopy(reviewedValues);
        List<String> notes = new ArrayList<>();
        List<SecretTemplate> secrets = new ArrayList<>();
        String credentialsSecret = release + "-s3-credentials";
        Map<String, SecretTemplate.ValueSource> moved = new TreeMap<>();
        values = moveClearKey(values, ACCESS_KEY_PATH, "LOKI_S3_ACCESS_KEY_ID", variables.accessKey(), "S3 access key",
                moved);
        values = moveClearKey(values, SECRET_KEY_PATH, "LOKI_S3_SECRET_ACCESS_KEY", variables.secretKey(),
                "S3 secret key", moved);
        if (!moved.isEmpty()) {
            values = withListItem(values, "global.extraArgs", EXPAND_ENV);
            values = withListItem(values, "global.extraEnvFrom", Map.of("secretRef", Map.of("name", credentialsSecret)));
            secrets.add(new SecretTemplate(credentialsSecret, namespace, moved, "Loki's MinIO/S3 keys"));
            notes.add("Loki's values held the S3 keys in clear; the export takes them from Secret " + namespace + "/"
                    + credentialsSecret + " instead (" + String.join(", ", moved.keySet().stream()
                    .map(k -> "${" + k + "}").toList()) + ", -config.expand-env=true, global.extraEnvFrom).");
        }
        List<String> redacted = new ArrayList<>();
        values = redactClearCredentials(values, "", redacted);
        if (!redacted.isEmpty()) {
            notes.add("Credentials in clear in Loki's values were left out of the export (" + String.join(", ", redacted)
                    + "): put them in a Secret and refer to it from the values.");
        }
        secrets.addAll(envSecrets(values, namespace, variables, secretKeys, credentialsSecret, notes));
        return new Exported(values, secrets, notes);
    }

    private static Map<String, Object> moveClearKey(Map<String, Object> values, String path, String variable,
                                                    String source, String description,
                                                    Map<String, SecretTemplate.ValueSource> moved) {
        Optional<String> current = ValuesTree.getString(values, path).filter(v -> !v.isBlank());
        if (current.isEmpty() || ENV_REF.matcher(current.get().trim()).matches()) {
            return values;
        }
        moved.put(variable, new SecretTemplate.ValueSource(source, description + " Loki uses for MinIO"));
        return ValuesTree.with(values, path, "${" + variable + "}");
    }

    /** Templates for the Secrets that provide the {@code ${VAR}}s: extraEnv secretKeyRefs and extraEnvFrom. */
    private static List<SecretTemplate> envSecrets(Map<String, Object> values, String namespace,
                                                   KeyVariables variables,
                                                   Function<String, Optional<Set<String>>> secretKeys,
                                                   String alreadyTemplated, List<String> notes) {
        Set<String> referenced = new LinkedHashSet<>();
        collectEnvRefs(values, referenced);
        Map<String, SecretTemplate.ValueSource> sources = new LinkedHashMap<>();
        ValuesTree.getString(values, ACCESS_KEY_PATH).map(v -> ENV_REF.matcher(v.trim())).filter(Matcher::matches)
                .ifPresent(m -> sources.put(m.group(1), new SecretTemplate.ValueSource(variables.accessKey(),
                        "S3 access key Loki uses for MinIO")));
        ValuesTree.getString(values, SECRET_KEY_PATH).map(v -> ENV_REF.matcher(v.trim())).filter(Matcher::matches)
                .ifPresent(m -> sources.put(m.group(1), new SecretTemplate.ValueSource(variables.secretKey(),
                        "S3 secret key Loki uses for MinIO")));
        Map<String, Map<String, SecretTemplate.ValueSource>> bySecret = new LinkedHashMap<>();
        List<String> fromSecrets = new ArrayList<>();
        for (String section : ENV_SECTIONS) {
            for (Object item : list(ValuesTree.get(values, section + ".extraEnv").orElse(null))) {
                if (item instanceof Map<?, ?> env && env.get("name") != null) {
                    String variable = String.valueOf(env.get("name"));
                    referenced.remove(variable);
                    Object ref = env.get("valueFrom") instanceof Map<?, ?> from ? from.get("secretKeyRef") : null;
                    if (ref instanceof Map<?, ?> keyRef && keyRef.get("name") != null && keyRef.get("key") != null) {
                        String key = String.valueOf(keyRef.get("key"));
                        bySecret.computeIfAbsent(String.valueOf(keyRef.get("name")), n -> new TreeMap<>())
                                .put(key, source(sources, variable, String.valueOf(keyRef.get("name")), key));
                    }
                }
            }
            for (Object item : list(ValuesTree.get(values, section + ".extraEnvFrom").orElse(null))) {
                if (item instanceof Map<?, ?> from && from.get("secretRef") instanceof Map<?, ?> ref
                        && ref.get("name") != null && !alreadyTemplated.equals(ref.get("name"))) {
                    fromSecrets.add(String.valueOf(ref.get("name")));
                }
            }
        }
        for (String secret : fromSecrets) {
            Map<String, SecretTemplate.ValueSource> keys = bySecret.computeIfAbsent(secret, n -> new TreeMap<>());
            Optional<Set<String>> inCluster = secretKeys.apply(secret);
            Set<String> names = inCluster.orElse(fromSecrets.get(0).equals(secret) ? referenced : Set.of());
            names.forEach(key -> keys.put(key, source(sources, key, secret, key)));
            if (inCluster.isEmpty() && fromSecrets.size() > 1) {
                notes.add("Secret " + namespace + "/" + secret + " is not in the cluster; the export cannot tell which "
                        + "of Loki's extraEnvFrom Secrets provides " + referenced + " (all put in " + fromSecrets.get(0)
                        + ").");
            }
        }
        List<SecretTemplate> templates = new ArrayList<>();
        bySecret.forEach((name, keys) -> templates.add(new SecretTemplate(name, namespace, keys,
                "environment for Loki (its ${VAR} settings, e.g. the MinIO/S3 keys)")));
        return templates;
    }

    private static SecretTemplate.ValueSource source(Map<String, SecretTemplate.ValueSource> known, String variable,
                                                     String secret, String key) {
        SecretTemplate.ValueSource source = known.get(variable);
        return source != null ? source : new SecretTemplate.ValueSource(SecretTemplate.variableFor(secret, key),
                "${" + variable + "} in Loki's values");
    }

    private static void collectEnvRefs(Object node, Set<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectEnvRefs(v, found));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectEnvRefs(v, found));
        } else if (node instanceof String text) {
            Matcher m = ENV_REF.matcher(text);
            while (m.find()) {
                found.add(m.group(1));
            }
        }
    }

    /** Values under credential-like keys, and env entries ({@code name}/{@code value}) with credential-like names. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> redactClearCredentials(Map<String, Object> values, String path,
                                                              List<String> redacted) {
        Map<String, Object> copy = new LinkedHashMap<>();
        boolean envEntry = values.get("name") instanceof String name && CLEAR_CREDENTIAL.matcher(name).matches();
        values.forEach((key, value) -> {
            String here = path.isEmpty() ? key : path + "." + key;
            boolean credential = envEntry && key.equals("value")
                    || CLEAR_CREDENTIAL.matcher(key).matches() && !REFERENCE.matcher(key).matches();
            if (value instanceof String text && credential && !text.isBlank() && !isEnvRef(text)) {
                copy.put(key, "<redacted: set " + here + " from a Secret>");
                redacted.add(here);
            } else {
                copy.put(key, redactNode(value, here, redacted));
            }
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object redactNode(Object value, String path, List<String> redacted) {
        if (value instanceof Map<?, ?> nested) {
            return redactClearCredentials((Map<String, Object>) nested, path, redacted);
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                copy.add(redactNode(items.get(i), path + "[" + i + "]", redacted));
            }
            return copy;
        }
        return value;
    }

    private static boolean isEnvRef(String text) {
        return ENV_REF.matcher(text.trim()).matches();
    }

    private static Map<String, Object> withListItem(Map<String, Object> values, String path, Object item) {
        List<Object> items = new ArrayList<>(list(ValuesTree.get(values, path).orElse(null)));
        if (!items.contains(item)) {
            items.add(item);
        }
        return ValuesTree.with(values, path, items);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
