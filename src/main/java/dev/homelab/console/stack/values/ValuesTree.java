package dev.homelab.console.stack.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes nested Helm values by dotted path ({@code loki.storage.s3.s3ForcePathStyle}).
 * Writes never modify the input: they return a deep copy, so a plan can show before and after.
 */
public final class ValuesTree {

    private ValuesTree() {
    }

    public static Optional<Object> get(Map<String, Object> values, String path) {
        Object current = values;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    public static Optional<String> getString(Map<String, Object> values, String path) {
        return get(values, path).map(String::valueOf);
    }

    public static Optional<Boolean> getBoolean(Map<String, Object> values, String path) {
        return get(values, path).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v)));
    }

    public static Optional<Long> getLong(Map<String, Object> values, String path) {
        return get(values, path).flatMap(v -> {
            if (v instanceof Number n) {
                return Optional.of(n.longValue());
            }
            try {
                return Optional.of(Long.parseLong(String.valueOf(v).trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** A deep copy of {@code values} with {@code path} set to {@code value} (intermediate maps created). */
    public static Map<String, Object> with(Map<String, Object> values, String path, Object value) {
        Map<String, Object> copy = deepCopy(values);
        String[] keys = path.split("\\.");
        Map<String, Object> current = copy;
        for (int i = 0; i < keys.length - 1; i++) {
            Object next = current.get(keys[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                current.put(keys[i], next);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> nextMap = (Map<String, Object>) next;
            current = nextMap;
        }
        current.put(keys[keys.length - 1], value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> deepCopy(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }
}
