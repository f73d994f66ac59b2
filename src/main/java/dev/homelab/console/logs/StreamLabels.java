package dev.homelab.console.logs;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The label set of one Loki stream, sorted by name, with its LogQL form ({@code {app="x", namespace="y"}}) computed
 * once. Entries of a stream share one instance, so a full buffer holds each label set once.
 */
public final class StreamLabels {

    public static final StreamLabels EMPTY = new StreamLabels(Map.of());

    private final Map<String, String> labels;
    private final String selector;

    private StreamLabels(Map<String, String> labels) {
        this.labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        this.selector = toSelector(this.labels);
    }

    public static StreamLabels of(Map<String, String> labels) {
        return labels.isEmpty() ? EMPTY : new StreamLabels(labels);
    }

    public Map<String, String> asMap() {
        return labels;
    }

    public String get(String name) {
        return labels.get(name);
    }

    /** The LogQL stream selector that matches exactly this label set. */
    public String selector() {
        return selector;
    }

    private static String toSelector(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(name).append("=\"").append(escape(value)).append('"');
        });
        return out.append('}').toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof StreamLabels that && selector.equals(that.selector);
    }

    @Override
    public int hashCode() {
        return selector.hashCode();
    }

    @Override
    public String toString() {
        return selector;
    }
}
