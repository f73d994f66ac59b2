package dev.homelab.console.verify.prom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parsed Prometheus text exposition ({@code /metrics}): the samples of vmagent's queue, Alertmanager's
 * notification counters, Vector's internal metrics. Comments and timestamps are ignored.
 */
public final class MetricsText {

    /** One exposed sample. */
    public record Line(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final List<Line> lines;

    private MetricsText(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static MetricsText parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Line parsed = parseLine(line);
            if (parsed != null) {
                lines.add(parsed);
            }
        }
        return new MetricsText(lines);
    }

    public List<Line> lines() {
        return lines;
    }

    public List<Line> named(String name) {
        return lines.stream().filter(l -> l.name.equals(name)).toList();
    }

    /** Sum of every sample of {@code name} whose labels pass the filter; NaN when there is none. */
    public double sum(String name, Predicate<Map<String, String>> labelFilter) {
        double total = 0;
        boolean any = false;
        for (Line line : lines) {
            if (line.name.equals(name) && labelFilter.test(line.labels)) {
                total += line.value;
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    public double sum(String name) {
        return sum(name, labels -> true);
    }

    public boolean has(String name) {
        return lines.stream().anyMatch(l -> l.name.equals(name));
    }

    private static Line parseLine(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < indexOfWhitespace(line)) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels);
            if (end < 0) {
                return null;
            }
            space = end + 1;
        } else {
            space = indexOfWhitespace(line);
            if (space < 0) {
                return null;
            }
            name = line.substring(0, space);
        }
        String rest = line.substring(Math.min(space, line.length())).strip();
        String valueText = rest.split("\\s+")[0];
        try {
            return new Line(name, labels, PromApiClient.parseDouble(valueText));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return line.length();
    }

    /** Parses {@code a="x",b="y"}} starting after '{'; returns the index of the closing brace, or -1. */
    private static int parseLabels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(v);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }
}
