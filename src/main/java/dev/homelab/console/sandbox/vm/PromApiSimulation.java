package dev.homelab.console.sandbox.vm;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus-compatible read API both simulated databases serve (vmsingle and kube-prometheus-stack's
 * Prometheus): {@code /api/v1/query}, {@code /api/v1/query_range}, {@code /api/v1/series}, and VictoriaMetrics'
 * {@code /api/v1/export}, with the documented envelopes.
 */
final class PromApiSimulation {

    private static final Pattern FIRST_SAMPLE = Pattern.compile("min\\(tfirst_over_time\\((up(?:\\{[^}]*})?)\\[\\w+]\\)\\)");

    private final UpSeries series;
    private final boolean victoriaMetrics;

    PromApiSimulation(UpSeries series, boolean victoriaMetrics) {
        this.series = series;
        this.victoriaMetrics = victoriaMetrics;
    }

    /** Answers the request if it is one of the read paths (with or without {@code /prometheus}); null otherwise. */
    MockResponse dispatch(RecordedRequest request, Instant now) {
        String path = request.getUrl().encodedPath().replaceFirst("^/prometheus", "");
        try {
            return switch (path) {
                case "/api/v1/query" -> query(request, now);
                case "/api/v1/query_range" -> queryRange(request, now);
                case "/api/v1/series" -> seriesList(request, now);
                case "/api/v1/export" -> victoriaMetrics ? export(request, now) : null;
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return SimHttp.json(400, Map.of("status", "error", "errorType", "bad_data", "error", e.getMessage()));
        }
    }

    private MockResponse query(RecordedRequest request, Instant now) {
        String expression = SimHttp.param(request, "query", "");
        Matcher firstSample = FIRST_SAMPLE.matcher(expression.replace(" ", ""));
        if (firstSample.matches()) {
            return oldestSample(firstSample.group(1), now);
        }
        UpSeries.Selector selector = UpSeries.parse(expression);
        List<Object> result = new ArrayList<>();
        for (UpSeries.Result r : series.latest(selector)) {
            ScrapeModel.Point point = r.points().get(0);
            result.add(Map.of("metric", r.labels(), "value", List.of(seconds(now.toEpochMilli()),
                    format(point.value()))));
        }
        return success(Map.of("resultType", "vector", "result", result));
    }

    /** {@code min(tfirst_over_time(up[30d]))}: the timestamp (seconds) of the oldest raw {@code up} sample held. */
    private MockResponse oldestSample(String selectorText, Instant now) {
        UpSeries.Selector selector = UpSeries.parse(selectorText);
        long oldest = Long.MAX_VALUE;
        for (UpSeries.Result r : series.select(selector, Instant.EPOCH, now)) {
            for (ScrapeModel.Point p : r.points()) {
                oldest = Math.min(oldest, p.timestampMillis());
            }
        }
        List<Object> result = oldest == Long.MAX_VALUE ? List.of()
                : List.of(Map.of("metric", Map.of(), "value", List.of(seconds(now.toEpochMilli()),
                format(oldest / 1000.0))));
        return success(Map.of("resultType", "vector", "result", result));
    }

    private MockResponse queryRange(RecordedRequest request, Instant now) {
        UpSeries.Selector selector = UpSeries.parse(SimHttp.param(request, "query", ""));
        Instant start = time(SimHttp.param(request, "start", null), now.minus(Duration.ofHours(1)));
        Instant end = time(SimHttp.param(request, "end", null), now);
        Duration step = duration(SimHttp.param(request, "step", "30s"));
        List<Object> result = new ArrayList<>();
        for (UpSeries.Result r : series.select(selector, start.minus(Duration.ofMinutes(5)), end)) {
            List<Object> values = new ArrayList<>();
            for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
                ScrapeModel.Point last = null;
                for (ScrapeModel.Point p : r.points()) {
                    if (p.timestampMillis() <= t.toEpochMilli() && p.timestampMillis() > t.minus(Duration.ofMinutes(5))
                            .toEpochMilli()) {
                        last = p;
                    }
                }
                if (last != null) {
                    values.add(List.of(seconds(t.toEpochMilli()), format(last.value())));
                }
            }
            if (!values.isEmpty()) {
                result.add(Map.of("metric", r.labels(), "values", values));
            }
        }
        return success(Map.of("resultType", "matrix", "result", result));
    }

    private MockResponse seriesList(RecordedRequest request, Instant now) {
        Instant start = time(SimHttp.param(request, "start", null), now.minus(Duration.ofDays(1)));
        Instant end = time(SimHttp.param(request, "end", null), now);
        List<Object> data = new ArrayList<>();
        for (String match : SimHttp.params(request, "match[]")) {
            series.select(UpSeries.parse(match), start, end).forEach(r -> data.add(r.labels()));
        }
        return success(data);
    }

    private MockResponse export(RecordedRequest request, Instant now) {
        Instant start = time(SimHttp.param(request, "start", null), now.minus(Duration.ofDays(1)));
        Instant end = time(SimHttp.param(request, "end", null), now);
        StringBuilder lines = new StringBuilder();
        for (String match : SimHttp.params(request, "match[]")) {
            for (UpSeries.Result r : series.select(UpSeries.parse(match), start, end)) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("metric", r.labels());
                line.put("values", r.points().stream().map(ScrapeModel.Point::value).toList());
                line.put("timestamps", r.points().stream().map(ScrapeModel.Point::timestampMillis).toList());
                lines.append(SimHttp.JSON.writeValueAsString(line)).append('\n');
            }
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/stream+json")
                .body(lines.toString()).build();
    }

    private static MockResponse success(Object data) {
        return SimHttp.json(200, Map.of("status", "success", "data", data));
    }

    static Instant time(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            return Instant.parse(text);
        }
    }

    static Duration duration(String text) {
        try {
            return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
        } catch (NumberFormatException e) {
            char unit = text.charAt(text.length() - 1);
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new IllegalArgumentException("cannot parse step '" + text + "'");
            };
        }
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
