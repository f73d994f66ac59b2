package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.SeriesLoader;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SampleStores;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints how long the memory chart takes for 7 days × 10 nodes of 15 s samples (403,200 points): drawing from raw
 * arrays (M4 to the pixel columns + canvas commands, on the FX thread), the first render (snapshot), and reading the
 * week from SQLite (bucketed, off the FX thread). Run: {@code mvn -q test-compile exec:java} is not configured; use
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) ...ChartDrawBenchmark} or
 * run the main from the IDE. Headless Monocle is set up by the main itself.
 */
public final class ChartDrawBenchmark {

    private static final long INTERVAL = 15_000;
    private static final int NODES = 10;
    private static final int POINTS = 7 * 24 * 240;

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        long end = System.currentTimeMillis();
        long start = end - POINTS * INTERVAL;
        List<ChartLine> lines = new ArrayList<>();
        for (int n = 0; n < NODES; n++) {
            TimeSeries series = new TimeSeries(POINTS, INTERVAL * 5 / 2);
            for (int i = 0; i < POINTS; i++) {
                series.add(start + i * INTERVAL, 2e9 + n * 1e8 + Math.sin(i / 50.0) * 2e8 + (i % 97) * 1e6);
            }
            lines.add(new ChartLine("pi-" + n, Palette.node(n), series, "benchmark"));
        }
        CompletableFuture<double[]> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            LineChartCanvas chart = new LineChartCanvas(ZoneId.systemDefault());
            StackPane root = new StackPane(chart);
            Scene scene = new Scene(root, 1400, 400);
            root.applyCss();
            root.layout();
            double[] draws = new double[12];
            for (int r = 0; r < draws.length; r++) {
                long t0 = System.nanoTime();
                chart.show(lines, List.of(new ChartBand("b", Color.GRAY, 2.3e9, 2.6e9)), ValueAxis.BYTES, start, end);
                draws[r] = (System.nanoTime() - t0) / 1e6;
            }
            scene.snapshot(null);
            double[] renders = new double[5];
            for (int r = 0; r < renders.length; r++) {
                long t0 = System.nanoTime();
                chart.show(lines, List.of(), ValueAxis.BYTES, start, end);
                scene.snapshot(null);
                renders[r] = (System.nanoTime() - t0) / 1e6;
            }
            double[] empty = new double[5];
            for (int r = 0; r < empty.length; r++) {
                long t0 = System.nanoTime();
                chart.show(List.of(), List.of(), ValueAxis.BYTES, start, end);
                scene.snapshot(null);
                empty[r] = (System.nanoTime() - t0) / 1e6;
            }
            result.complete(new double[]{median(draws, 2), min(draws, 2), median(renders, 0), median(empty, 0)});
        });
        double[] figures = result.get(120, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "7 d x %d nodes x 15 s = %,d points, chart 1400x400 px%n", NODES, NODES * POINTS);
        System.out.printf(Locale.ROOT, "  draw (M4 + canvas commands, FX thread): median %.1f ms, best %.1f ms%n",
                figures[0], figures[1]);
        System.out.printf(Locale.ROOT, "  draw + software rasterisation (snapshot), steady: median %.1f ms (empty chart:"
                + " %.1f ms)%n", figures[2], figures[3]);
        readWeekFromSqlite(start, end);
        Platform.exit();
    }

    private static void readWeekFromSqlite(long start, long end) throws Exception {
        Path dir = Files.createTempDirectory("telemetry-bench");
        try (SampleStore store = SampleStores.open(dir.resolve("bench.db"))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < POINTS; i++) {
                Map<SeriesKey, Usage> usage = new HashMap<>();
                for (int n = 0; n < NODES; n++) {
                    usage.put(SeriesKey.node("pi-" + n), new Usage(0.5 + (i % 13) * 0.01, 2e9 + (i % 97) * 1e6));
                }
                store.append(new Tick(start + i * INTERVAL, INTERVAL, usage, Map.of()));
            }
            double write = (System.nanoTime() - t0) / 1e9;
            SeriesLoader loader = new SeriesLoader(store);
            double[] reads = new double[5];
            Map<String, TimeSeries> loaded = new LinkedHashMap<>();
            for (int r = 0; r < reads.length; r++) {
                long t1 = System.nanoTime();
                loaded = loader.nodes(Metric.MEMORY, start, end, false);
                reads[r] = (System.nanoTime() - t1) / 1e6;
            }
            List<ChartLine> bucketed = new ArrayList<>();
            loaded.forEach((name, series) -> bucketed.add(new ChartLine(name, Color.BLUE, series, "")));
            CompletableFuture<Double> draw = new CompletableFuture<>();
            Platform.runLater(() -> {
                LineChartCanvas chart = new LineChartCanvas(ZoneId.systemDefault());
                new Scene(new StackPane(chart), 1400, 400).getRoot().layout();
                double[] draws = new double[10];
                for (int r = 0; r < draws.length; r++) {
                    long t1 = System.nanoTime();
                    chart.show(bucketed, List.of(), ValueAxis.BYTES, start, end);
                    draws[r] = (System.nanoTime() - t1) / 1e6;
                }
                draw.complete(median(draws, 2));
            });
            System.out.printf(Locale.ROOT, "  draw of what the app really shows for 7 d (bucketed series from SQLite):"
                    + " median %.1f ms%n", draw.get(60, TimeUnit.SECONDS));
            System.out.printf(Locale.ROOT, "  reading the week from SQLite (%d series, bucketed to %d points each, off the"
                    + " FX thread): median %.0f ms%n", loaded.size(), loaded.values().iterator().next().size(),
                    median(reads, 1));
            System.out.printf(Locale.ROOT, "  (writing %,d sampling rounds took %.1f s; file %.1f MiB = %.2f MiB per"
                    + " node-day, node totals only)%n", POINTS, write, store.sizeBytes() / 1048576.0,
                    store.sizeBytes() / 1048576.0 / NODES / 7);
        }
    }

    private static double median(double[] values, int skip) {
        double[] sorted = java.util.Arrays.stream(values, skip, values.length).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values, int skip) {
        return java.util.Arrays.stream(values, skip, values.length).min().orElse(Double.NaN);
    }
}
