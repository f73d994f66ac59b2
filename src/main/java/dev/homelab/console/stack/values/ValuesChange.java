package dev.homelab.console.stack.values;

import java.util.List;
import java.util.Map;

/**
 * A proposed change to a release's values: dotted paths and their new values, with why.
 * Applied on top of the installed values; the plan shows the resulting diff before anything changes.
 */
public record ValuesChange(String reason, Map<String, Object> set) {

    public ValuesChange {
        set = Map.copyOf(set);
    }

    public Map<String, Object> applyTo(Map<String, Object> values) {
        Map<String, Object> result = ValuesTree.deepCopy(values);
        for (var entry : set.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            result = ValuesTree.with(result, entry.getKey(), entry.getValue());
        }
        return result;
    }

    public static Map<String, Object> applyAll(Map<String, Object> values, List<ValuesChange> changes) {
        Map<String, Object> result = values;
        for (ValuesChange change : changes) {
            result = change.applyTo(result);
        }
        return result;
    }
}
