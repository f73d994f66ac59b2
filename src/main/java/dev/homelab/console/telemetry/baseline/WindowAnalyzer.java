package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Stats;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.store.ImportRecord;
import dev.homelab.console.telemetry.store.RawSeries;
import dev.homelab.console.telemetry.store.SampleStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Summarises a window of the stored history into a {@link WindowSummary}. */
public final class WindowAnalyzer {

    private final SampleStore store;

    public WindowAnalyzer(SampleStore store) {
        this.store = store;
    }

    public WindowSummary summarize(long from, long to) {
        long interval = store.interval(from, to).orElse(Duration.ofSeconds(15)).toMillis();
        long[] ticks = store.ticks(from, to);
        int expected = (int) Math.max(1, (to - from) / interval);
        Map<String, WindowSummary.NodeSummary> nodes = new TreeMap<>();
        Map<String, TreeMap<Long, double[]>> nodeValues = new HashMap<>();
        Map<String, TreeMap<Long, double[]>> componentValues = new HashMap<>();
        Map<String, TreeSet<String>> componentNodes = new HashMap<>();
        Map<String, Usage> allocatable = store.allocatable();
        for (SeriesKey key : store.seriesKeys(from, to)) {
            RawSeries raw = store.readRaw(key, from, to);
            if (key.isNode()) {
                Usage alloc = allocatable.getOrDefault(key.node(), Usage.ZERO);
                nodes.put(key.node(), new WindowSummary.NodeSummary(Stats.of(raw.cpu()), Stats.of(raw.memory()),
                        alloc.cpuCores(), alloc.memoryBytes()));
                nodeValues.put(key.node(), byTime(raw));
            } else {
                TreeMap<Long, double[]> sums = componentValues.computeIfAbsent(key.component(), k -> new TreeMap<>());
                for (int i = 0; i < raw.size(); i++) {
                    double[] sum = sums.computeIfAbsent(raw.times()[i], t -> new double[2]);
                    sum[0] += raw.cpu()[i];
                    sum[1] += raw.memory()[i];
                }
                componentNodes.computeIfAbsent(key.component(), k -> new TreeSet<>()).add(key.node());
            }
        }
        Map<String, WindowSummary.ComponentSummary> components = new TreeMap<>();
        componentValues.forEach((key, sums) -> {
            Component component = Component.fromKey(key);
            components.put(key, new WindowSummary.ComponentSummary(component.label(), component.side().name(),
                    Stats.of(column(sums, 0)), Stats.of(column(sums, 1)),
                    new ArrayList<>(componentNodes.get(key))));
        });
        List<String> sources = new ArrayList<>();
        if (ticks.length > 0) {
            sources.add("metrics.k8s.io, sampled by Homelab Console every " + interval / 1000 + " s");
        }
        for (ImportRecord record : store.imports(from, to)) {
            sources.add("PromQL history from " + record.source() + ": " + String.join(" ; ", record.queries()));
        }
        return new WindowSummary(from, to, interval, ticks.length, expected, nodes, totals(nodeValues),
                components, sources);
    }

    /** Sums the nodes at each round in which every node of the window reported (partial rounds would dip). */
    private static WindowSummary.Totals totals(Map<String, TreeMap<Long, double[]>> nodeValues) {
        if (nodeValues.isEmpty()) {
            return new WindowSummary.Totals(Stats.EMPTY, Stats.EMPTY);
        }
        TreeMap<Long, double[]> sums = new TreeMap<>();
        Map<Long, Integer> reporting = new HashMap<>();
        nodeValues.values().forEach(values -> values.forEach((time, v) -> {
            double[] sum = sums.computeIfAbsent(time, t -> new double[2]);
            sum[0] += v[0];
            sum[1] += v[1];
            reporting.merge(time, 1, Integer::sum);
        }));
        sums.keySet().removeIf(time -> reporting.get(time) < nodeValues.size());
        return new WindowSummary.Totals(Stats.of(column(sums, 0)), Stats.of(column(sums, 1)));
    }

    private static TreeMap<Long, double[]> byTime(RawSeries raw) {
        TreeMap<Long, double[]> values = new TreeMap<>();
        for (int i = 0; i < raw.size(); i++) {
            values.put(raw.times()[i], new double[]{raw.cpu()[i], raw.memory()[i]});
        }
        return values;
    }

    private static double[] column(TreeMap<Long, double[]> rows, int column) {
        return rows.values().stream().mapToDouble(v -> v[column]).toArray();
    }
}
