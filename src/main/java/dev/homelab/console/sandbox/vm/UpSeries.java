package dev.homelab.console.sandbox.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus query surface of the simulated databases: series selectors ({@code up}, {@code up{job="kubelet"}},
 * with {@code =}, {@code !=}, {@code =~}, {@code !~}) evaluated against the {@link ScrapeModel}. Only {@code up} has
 * samples; other metric names select nothing; expressions with functions or operators are refused with a clear
 * error rather than answered wrongly.
 */
final class UpSeries {

    private static final Pattern SELECTOR = Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{(.*)})?\\s*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,?");

    /** A parsed selector. */
    record Selector(String metric, List<String[]> matchers) {
        boolean matches(Map<String, String> labels) {
            for (String[] m : matchers) {
                String value = labels.getOrDefault(m[0], "");
                boolean ok = switch (m[1]) {
                    case "=" -> value.equals(m[2]);
                    case "!=" -> !value.equals(m[2]);
                    case "=~" -> value.matches(m[2]);
                    default -> !value.matches(m[2]);
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One series with its labels (including {@code __name__}) and samples. */
    record Result(Map<String, String> labels, List<ScrapeModel.Point> points) {
    }

    private final ScrapeModel model;
    private final Map<String, String> extraLabels;

    UpSeries(ScrapeModel model, Map<String, String> extraLabels) {
        this.model = model;
        this.extraLabels = extraLabels;
    }

    static Selector parse(String query) {
        Matcher selector = SELECTOR.matcher(query);
        if (!selector.matches()) {
            throw new IllegalArgumentException("the sandbox's simulated database answers series selectors only"
                    + " (like up{job=\"kubelet\"}), not '" + query + "'");
        }
        List<String[]> matchers = new ArrayList<>();
        String body = selector.group(3);
        if (body != null && !body.isBlank()) {
            Matcher m = MATCHER.matcher(body);
            int end = 0;
            while (m.find() && m.start() == end) {
                matchers.add(new String[]{m.group(1), m.group(2), m.group(3).replace("\\\"", "\"")});
                end = m.end();
            }
            if (end != body.length()) {
                throw new IllegalArgumentException("cannot parse label matchers '" + body + "'");
            }
        }
        return new Selector(selector.group(1), matchers);
    }

    List<Result> select(Selector selector, Instant from, Instant to) {
        List<Result> results = new ArrayList<>();
        if (!selector.metric().equals("up")) {
            return results;
        }
        for (ScrapeModel.Target target : model.targets()) {
            Map<String, String> labels = labels(target);
            if (selector.matches(labels)) {
                List<ScrapeModel.Point> points = model.storedUp(target, from, to);
                if (!points.isEmpty()) {
                    results.add(new Result(labels, points));
                }
            }
        }
        return results;
    }

    List<Result> latest(Selector selector) {
        List<Result> results = new ArrayList<>();
        if (!selector.metric().equals("up")) {
            return results;
        }
        for (ScrapeModel.Target target : model.targets()) {
            Map<String, String> labels = labels(target);
            ScrapeModel.Point point = selector.matches(labels) ? model.latestUp(target) : null;
            if (point != null) {
                results.add(new Result(labels, List.of(point)));
            }
        }
        return results;
    }

    private Map<String, String> labels(ScrapeModel.Target target) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "up");
        labels.putAll(target.labels());
        labels.putAll(extraLabels);
        return labels;
    }
}
