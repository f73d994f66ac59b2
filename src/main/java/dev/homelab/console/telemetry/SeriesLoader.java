package dev.homelab.console.telemetry;

import dev.homelab.console.telemetry.store.SampleStore;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what a chart shows from the store: raw samples up to a day, per-bucket min/max beyond (a week of 15 s
 * samples is 40,320 points a series; 2,000 buckets keep every spike for any screen width), optionally as percent of
 * the node's allocatable, and component series summed over nodes for the all-nodes view.
 */
public final class SeriesLoader {

    static final Duration RAW_LIMIT = Duration.ofHours(24);
    static final int BUCKETS = 2000;

    private final SampleStore store;

    public SeriesLoader(SampleStore store) {
        this.store = store;
    }

    public static long bucketMillis(long from, long to) {
        return to - from > RAW_LIMIT.toMillis() ? (to - from) / BUCKETS : 0;
    }

    /** Node totals, by node name. */
    public Map<String, TimeSeries> nodes(Metric metric, long from, long to, boolean percentOfAllocatable) {
        Map<String, TimeSeries> result = new TreeMap<>();
        Map<String, Usage> allocatable = store.allocatable();
        for (SeriesKey key : store.seriesKeys(from, to)) {
            if (key.isNode()) {
                TimeSeries series = store.read(key, metric, from, to, bucketMillis(from, to));
                Usage alloc = allocatable.get(key.node());
                result.put(key.node(), percentOfAllocatable && alloc != null ? percent(series, alloc.get(metric))
                        : series);
            }
        }
        return result;
    }

    /** Components on one node, or summed over all nodes when {@code node} is null; by component key. */
    public Map<String, TimeSeries> components(Metric metric, long from, long to, String node) {
        Map<String, TreeMap<Long, double[]>> sums = new TreeMap<>();
        long gap = 0;
        for (SeriesKey key : store.seriesKeys(from, to)) {
            if (key.isNode() || (node != null && !node.equals(key.node()))) {
                continue;
            }
            TimeSeries series = store.read(key, metric, from, to, bucketMillis(from, to));
            gap = Math.max(gap, series.gapMillis());
            TreeMap<Long, double[]> sum = sums.computeIfAbsent(key.component(), k -> new TreeMap<>());
            for (int i = 0; i < series.size(); i++) {
                double[] v = sum.computeIfAbsent(series.time(i), t -> new double[2]);
                v[0] += series.low(i);
                v[1] += series.high(i);
            }
        }
        Map<String, TimeSeries> result = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Long, double[]>> entry : sums.entrySet()) {
            TimeSeries series = new TimeSeries(entry.getValue().size(), gap);
            entry.getValue().forEach((t, v) -> series.add(t, v[0], v[1]));
            result.put(entry.getKey(), series);
        }
        return result;
    }

    static TimeSeries percent(TimeSeries series, double allocatable) {
        TimeSeries result = new TimeSeries(series.size(), series.gapMillis());
        if (allocatable <= 0) {
            return result;
        }
        for (int i = 0; i < series.size(); i++) {
            result.add(series.time(i), series.low(i) / allocatable * 100, series.high(i) / allocatable * 100);
        }
        return result;
    }
}
