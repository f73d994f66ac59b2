package dev.homelab.console.sandbox.api;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Label and field selectors as the API server evaluates them: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k},
 * {@code !k}, {@code k in (a,b)}, {@code k notin (a,b)}; fields are dotted paths into the object.
 */
final class Selectors {

    private Selectors() {
    }

    static boolean matchesLabels(String selector, Map<String, String> labels) {
        Map<String, String> safe = labels == null ? Map.of() : labels;
        return matches(selector, safe::get);
    }

    static boolean matchesFields(String selector, JsonNode object) {
        return matches(selector, path -> {
            JsonNode node = object;
            for (String part : path.split("\\.")) {
                node = node.path(part);
            }
            return node.isMissingNode() || node.isNull() ? "" : node.asString();
        });
    }

    private static boolean matches(String selector, Function<String, String> value) {
        if (selector == null || selector.isBlank()) {
            return true;
        }
        for (String requirement : split(selector)) {
            if (!matchesOne(requirement.trim(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesOne(String req, Function<String, String> value) {
        if (req.isEmpty()) {
            return true;
        }
        int notIn = req.indexOf(" notin ");
        int in = req.indexOf(" in ");
        if (notIn > 0) {
            return !setOf(req.substring(notIn + 7)).contains(value.apply(req.substring(0, notIn).trim()));
        }
        if (in > 0) {
            return setOf(req.substring(in + 4)).contains(value.apply(req.substring(0, in).trim()));
        }
        if (req.contains("!=")) {
            String[] kv = req.split("!=", 2);
            return !kv[1].trim().equals(value.apply(kv[0].trim()));
        }
        if (req.contains("=")) {
            String[] kv = req.split("==?", 2);
            return kv[1].trim().equals(value.apply(kv[0].trim()));
        }
        if (req.startsWith("!")) {
            return value.apply(req.substring(1).trim()) == null;
        }
        return value.apply(req) != null;
    }

    private static List<String> setOf(String parenthesised) {
        String inner = parenthesised.trim().replaceAll("^\\(|\\)$", "");
        List<String> values = new ArrayList<>();
        for (String v : inner.split(",")) {
            values.add(v.trim());
        }
        return values;
    }

    /** Splits on commas that are not inside parentheses. */
    private static List<String> split(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : selector.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
