package dev.homelab.console.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Masks secrets in values shown to the user: by key name (password, token, secret, credentials...) and by value
 * (every secret the {@link SecretsProvider} knows, wherever it appears in text).
 */
public final class SecretMasker {

    public static final String MASK = "••••••";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|apikey|api_key|userkey|user_key|accesskey|access_key|credential"
                    + "|privatekey|private_key|bearer).*");
    /** References to where a secret lives are not secrets themselves. */
    private static final Pattern SECRET_REFERENCE = Pattern.compile(
            "(?i).*(secretname|secretref|secretkeyref|existingsecret|secret_file|_file|file|name|key_ref|keyref)$");

    private final List<String> knownValues;

    public SecretMasker(Collection<String> knownValues) {
        this.knownValues = new ArrayList<>(knownValues.stream().filter(v -> v != null && v.length() >= 4).toList());
        this.knownValues.sort(Comparator.comparingInt(String::length).reversed());
    }

    public static SecretMasker of(SecretsProvider secrets) {
        return new SecretMasker(secrets.knownValues());
    }

    /** A deep copy of {@code values} with secret-looking keys and known secret values masked. */
    public Map<String, Object> maskValues(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, maskEntry(key, value)));
        return copy;
    }

    /** {@code text} with every known secret value replaced by the mask. */
    public String maskText(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : knownValues) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches() && !SECRET_REFERENCE.matcher(key).matches();
    }

    @SuppressWarnings("unchecked")
    private Object maskEntry(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            return maskValues((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(maskEntry(key, item));
            }
            return copy;
        }
        if (value instanceof String text) {
            if (isSecretKey(key) && !text.isEmpty() && !text.startsWith("${")) {
                return MASK;
            }
            return maskText(text);
        }
        return value;
    }
}
