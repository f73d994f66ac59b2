package dev.homelab.console.sandbox.loki;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Produces the simulated lines and counts for a LogQL selector over a window, from the {@link StreamCatalog}. */
final class LineSource {

    private final StreamCatalog catalog;

    LineSource(StreamCatalog catalog) {
        this.catalog = catalog;
    }

    List<SimStream> matching(LogQl.LogSelector selector) {
        return catalog.streams().stream().filter(s -> selector.selects(s.labels())).toList();
    }

    /** Lines in [from, to), at most {@code limit}, newest first when {@code backward}. */
    List<SimLine> lines(LogQl.LogSelector selector, long from, long to, int limit, boolean backward) {
        List<SimLine> all = new ArrayList<>();
        for (SimStream stream : matching(selector)) {
            all.addAll(streamLines(stream, selector, from, to, limit, backward));
        }
        Comparator<SimLine> byTime = Comparator.comparingLong(SimLine::nanos);
        all.sort(backward ? byTime.reversed() : byTime);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    private List<SimLine> streamLines(SimStream stream, LogQl.LogSelector selector, long from, long to, int limit,
                                      boolean backward) {
        List<SimLine> lines = new ArrayList<>();
        long lo = Math.max(from, stream.fromNanos());
        long hi = Math.min(to, stream.untilNanos());
        if (lo >= hi) {
            return lines;
        }
        long p = stream.periodNanos();
        long first = Math.floorDiv(lo, p);
        long last = Math.floorDiv(hi, p);
        for (long i = 0; i <= last - first && lines.size() < limit; i++) {
            long k = backward ? last - i : first + i;
            long t = stream.slotTime(k);
            if (t < lo || t >= hi || !catalog.visible(stream, t)) {
                continue;
            }
            SimLine line = SimLine.at(stream, k);
            if (selector.keeps(line.line())) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * {@code count_over_time} / {@code rate} evaluated at start, start+step, … end: per point t, the lines in
     * (t - range, t] of each stream; then aggregated across streams by the grouping labels.
     * Returns series label sets to (time → value).
     */
    Map<Map<String, String>, TreeMap<Long, Double>> metric(LogQl.MetricQuery query, long start, long end, long step) {
        // per series and time: {sum, number of streams, min, max}
        Map<Map<String, String>, TreeMap<Long, double[]>> partial = new java.util.LinkedHashMap<>();
        for (SimStream stream : matching(query.selector())) {
            List<SimLine> lines = streamLines(stream, query.selector(), start - query.rangeNanos(), end + 1,
                    Integer.MAX_VALUE, false);
            if (lines.isEmpty()) {
                continue;
            }
            TreeMap<Long, double[]> points = partial.computeIfAbsent(seriesLabels(stream.labels(), query),
                    k -> new TreeMap<>());
            int lo = 0;
            int hi = 0;
            for (long t = start; t <= end; t += step) {
                while (hi < lines.size() && lines.get(hi).nanos() <= t) {
                    hi++;
                }
                while (lo < hi && lines.get(lo).nanos() <= t - query.rangeNanos()) {
                    lo++;
                }
                int count = hi - lo;
                if (count == 0) {
                    continue;
                }
                double value = query.function().equals("rate") ? count / (query.rangeNanos() / 1e9) : count;
                points.merge(t, new double[]{value, 1, value, value}, (a, b) -> new double[]{a[0] + b[0],
                        a[1] + b[1], Math.min(a[2], b[2]), Math.max(a[3], b[3])});
            }
        }
        Map<Map<String, String>, TreeMap<Long, Double>> result = new java.util.LinkedHashMap<>();
        partial.forEach((labels, points) -> {
            if (points.isEmpty()) {
                return;
            }
            TreeMap<Long, Double> values = new TreeMap<>();
            points.forEach((t, agg) -> values.put(t, finish(query.aggregation(), agg)));
            result.put(labels, values);
        });
        return result;
    }

    private static double finish(String aggregation, double[] agg) {
        if (aggregation == null) {
            return agg[0];
        }
        return switch (aggregation) {
            case "count" -> agg[1];
            case "min" -> agg[2];
            case "max" -> agg[3];
            case "avg" -> agg[0] / agg[1];
            default -> agg[0];
        };
    }

    private static Map<String, String> seriesLabels(Map<String, String> labels, LogQl.MetricQuery query) {
        if (query.aggregation() == null) {
            return labels;
        }
        Map<String, String> kept = new TreeMap<>();
        if (query.without()) {
            kept.putAll(labels);
            query.grouping().forEach(kept::remove);
        } else {
            query.grouping().forEach(name -> {
                if (labels.containsKey(name)) {
                    kept.put(name, labels.get(name));
                }
            });
        }
        return kept;
    }
}
