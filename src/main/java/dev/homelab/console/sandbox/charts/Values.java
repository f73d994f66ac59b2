package dev.homelab.console.sandbox.charts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Helm values by dotted path ("prometheus-node-exporter.enabled") with the chart's default when absent. */
public final class Values {

    private final Map<String, Object> root;

    public Values(Map<String, Object> root) {
        this.root = root == null ? Map.of() : root;
    }

    public Optional<Object> get(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    public boolean bool(String path, boolean chartDefault) {
        return get(path).map(v -> v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString())).orElse(chartDefault);
    }

    public String string(String path, String chartDefault) {
        return get(path).map(Object::toString).orElse(chartDefault);
    }

    public int integer(String path, int chartDefault) {
        return get(path).map(v -> v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString()))
                .orElse(chartDefault);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String path) {
        return get(path).filter(List.class::isInstance).map(v -> (List<Object>) v).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String path) {
        return get(path).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v).orElse(Map.of());
    }
}
