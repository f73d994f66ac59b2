package dev.homelab.console.migration;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Unified diffs of YAML documents (Helm values, object contents), keys sorted so the diff shows meaning, not order. */
public final class ValuesDiff {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private ValuesDiff() {
    }

    /** YAML with map keys sorted; "" for an empty map. */
    public static String toYaml(Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        return YAML.writeValueAsString(sorted(values));
    }

    /** Unified diff lines ("--- installed", "+++ planned", "@@ ... @@", "-old", "+new", " same"); empty when equal. */
    public static List<String> unified(String fromLabel, String from, String toLabel, String to) {
        List<String> original = lines(from);
        List<String> revised = lines(to);
        Patch<String> patch = DiffUtils.diff(original, revised);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        return UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, original, patch, 3);
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(trimmed.split("\n", -1));
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValuesDiff::sorted).toList();
        }
        return value;
    }
}
