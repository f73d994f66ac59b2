package dev.homelab.console.ui.logs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small text operations on a LogQL query for the pickers and completion: rebuild the stream selector from picked
 * labels while keeping the pipeline, and tell what is being typed at the caret (a label name or a label's value).
 */
final class LogQlText {

    private static final Pattern EQUALITY = Pattern.compile("(\\w+)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** What the caret is in. {@code label} is set for a value context. */
    record Context(Kind kind, String label, String prefix, int replaceFrom) {
        enum Kind { LABEL_NAME, LABEL_VALUE, NONE }
    }

    private LogQlText() {
    }

    /** The equality matchers of the selector ({@code {a="b", c=~"d"}} gives a=b). */
    static Map<String, String> equalities(String query) {
        Map<String, String> labels = new LinkedHashMap<>();
        int end = selectorEnd(query);
        if (end < 0) {
            return labels;
        }
        Matcher m = EQUALITY.matcher(query.substring(0, end));
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    /** The query with its selector replaced by one made of {@code labels}; the pipeline after it is kept. */
    static String withSelector(String query, Map<String, String> labels) {
        StringBuilder selector = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                if (selector.length() > 1) {
                    selector.append(", ");
                }
                selector.append(name).append("=\"").append(value.replace("\"", "\\\"")).append('"');
            }
        });
        selector.append('}');
        int end = selectorEnd(query);
        String pipeline = end < 0 ? "" : query.substring(end + 1);
        return selector + pipeline;
    }

    static Optional<Integer> selectorEndOf(String query) {
        int end = selectorEnd(query);
        return end < 0 ? Optional.empty() : Optional.of(end);
    }

    private static int selectorEnd(String query) {
        boolean quoted = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    static Context contextAt(String text, int caret) {
        int open = text.lastIndexOf('{', caret - 1);
        int close = text.lastIndexOf('}', caret - 1);
        if (open < 0 || close > open) {
            return new Context(Context.Kind.NONE, null, "", caret);
        }
        String inside = text.substring(open + 1, caret);
        int quotes = (int) inside.chars().filter(c -> c == '"').count();
        if (quotes % 2 == 1) {
            int quote = inside.lastIndexOf('"');
            Matcher label = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*$").matcher(inside.substring(0, quote));
            if (label.find()) {
                return new Context(Context.Kind.LABEL_VALUE, label.group(1), inside.substring(quote + 1),
                        open + 1 + quote + 1);
            }
            return new Context(Context.Kind.NONE, null, "", caret);
        }
        int start = inside.length();
        while (start > 0 && (Character.isLetterOrDigit(inside.charAt(start - 1)) || inside.charAt(start - 1) == '_')) {
            start--;
        }
        String before = inside.substring(0, start).strip();
        if (before.isEmpty() || before.endsWith(",")) {
            return new Context(Context.Kind.LABEL_NAME, null, inside.substring(start), open + 1 + start);
        }
        return new Context(Context.Kind.NONE, null, "", caret);
    }
}
