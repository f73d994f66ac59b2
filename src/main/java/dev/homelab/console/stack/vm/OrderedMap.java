package dev.homelab.console.stack.vm;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered map literals for building values, so generated YAML reads in a stable, chart-like order. */
final class OrderedMap {

    private OrderedMap() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                map.put((String) keysAndValues[i], value);
            }
        }
        return map;
    }
}
