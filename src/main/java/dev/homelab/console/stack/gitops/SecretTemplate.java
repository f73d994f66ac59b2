package dev.homelab.console.stack.gitops;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Secret the target state needs, without its values: its keys, and for each where the value comes from (an
 * environment variable the helm script reads, and what it is), for the user's secret tooling to fill in.
 */
public record SecretTemplate(String name, String namespace, Map<String, ValueSource> keys, String purpose) {

    /** Where one key's value comes from: {@code variable} is a shell variable name, never a value. */
    public record ValueSource(String variable, String description) {

        public ValueSource {
            if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("not a variable name: " + variable);
            }
        }

        /** What stands in the template instead of the value. */
        public String placeholder() {
            return "<" + variable + ": " + description + ">";
        }
    }

    public SecretTemplate {
        keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    /** {@code namespace/name}, the identity two templates of the same Secret share. */
    public String id() {
        return namespace + "/" + name;
    }

    /** The same Secret with the keys of both templates (this one's sources win). */
    public SecretTemplate merge(SecretTemplate other) {
        Map<String, ValueSource> all = new TreeMap<>(other.keys);
        all.putAll(keys);
        return new SecretTemplate(name, namespace, all, purpose.isBlank() ? other.purpose : purpose);
    }

    /** A variable name for a key nobody described: {@code LOKI_S3_CREDENTIALS_MINIO_ACCESS_KEY_ID}. */
    public static String variableFor(String secretName, String key) {
        String variable = (secretName + "_" + key).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return Character.isDigit(variable.charAt(0)) ? "_" + variable : variable;
    }
}
