package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SamplerStatus;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.SeriesLoader;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Units;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.store.ImportRecord;
import dev.homelab.console.ui.common.BackgroundTasks;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State of the charts page: window, node ("All nodes" = null), absolute or percent, the baseline shown as a band,
 * and the loaded data, kept live from the sampler's ticks (appended on the FX thread, one tick per interval;
 * nothing streams faster). Loading and history fills run through {@link BackgroundTasks}.
 */
final class ChartsViewModel {

    static final List<Duration> RANGES = List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6),
            Duration.ofHours(24), Duration.ofDays(7));

    private final Telemetry telemetry;
    private final BackgroundTasks tasks;
    private final Clock clock;
    final ObjectProperty<Duration> range = new SimpleObjectProperty<>(Duration.ofHours(1));
    final ObjectProperty<String> node = new SimpleObjectProperty<>(null);
    final BooleanProperty percent = new SimpleBooleanProperty(false);
    final ObjectProperty<String> band = new SimpleObjectProperty<>(null);
    final ObjectProperty<ChartData> data = new SimpleObjectProperty<>();
    final ObservableList<String> nodes = FXCollections.observableArrayList();
    final ObservableList<String> baselineNames = FXCollections.observableArrayList();
    final StringProperty samplerText = new SimpleStringProperty("");
    final StringProperty storeText = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    private final Consumer<Tick> tickListener = tick -> Platform.runLater(() -> onTick(tick));
    private final Map<String, Baseline> baselines = new HashMap<>();

    ChartsViewModel(Telemetry telemetry, BackgroundTasks tasks, Clock clock) {
        this.telemetry = telemetry;
        this.tasks = tasks;
        this.clock = clock;
        telemetry.sampler().ifPresent(s -> s.addListener(tickListener));
        range.addListener((o, a, b) -> reload());
        node.addListener((o, a, b) -> reload());
        percent.addListener((o, a, b) -> reload());
    }

    Telemetry telemetry() {
        return telemetry;
    }

    void reload() {
        Duration window = range.get();
        String selected = node.get();
        boolean pct = percent.get();
        tasks.submit("Loading charts", progress -> load(window, selected, pct), this::loaded,
                e -> message.set("Could not load the history: " + e.getMessage()));
    }

    /** Everything read from the store for one refresh, so the FX thread never waits on the database. */
    private record Loaded(ChartData data, List<String> nodes, List<Baseline> baselines, String storeText) {
    }

    private Loaded load(Duration window, String selected, boolean pct) {
        long to = clock.millis();
        long from = to - window.toMillis();
        SeriesLoader loader = new SeriesLoader(telemetry.store());
        Map<String, TimeSeries> cpu = loader.nodes(Metric.CPU, from, to, pct);
        Map<String, TimeSeries> memory = loader.nodes(Metric.MEMORY, from, to, pct);
        if (selected != null) {
            cpu.keySet().retainAll(List.of(selected));
            memory.keySet().retainAll(List.of(selected));
        }
        Map<String, TimeSeries> components = loader.components(Metric.MEMORY, from, to, selected);
        String sources = telemetry.store().imports(from, to).stream().map(ChartsViewModel::describe)
                .collect(Collectors.joining("\n"));
        ChartData chartData = new ChartData(selected, pct, from, to, cpu, memory, components, sources);
        TreeSet<String> names = new TreeSet<>(telemetry.store().allocatable().keySet());
        names.addAll(telemetry.store().seriesKeys(from, to).stream().map(SeriesKey::node).toList());
        return new Loaded(chartData, new ArrayList<>(names), telemetry.baselines().list(), storeText());
    }

    private String storeText() {
        return telemetry.store().status().describe() + " · " + Units.bytes(telemetry.store().sizeBytes())
                + " used, kept " + telemetry.settings().retention().toDays() + " days, at most "
                + Units.bytes(telemetry.settings().maxBytes());
    }

    private static String describe(ImportRecord record) {
        return String.format("%tR–%tR from %s: %s", record.fromMillis(), record.toMillis(), record.source(),
                String.join("  |  ", record.queries()));
    }

    private void loaded(Loaded loaded) {
        if (!nodes.equals(loaded.nodes())) {
            nodes.setAll(loaded.nodes());
        }
        baselines.clear();
        loaded.baselines().forEach(b -> baselines.put(b.name(), b));
        List<String> names = loaded.baselines().stream().map(Baseline::name).toList();
        if (!baselineNames.equals(names)) {
            baselineNames.setAll(names);
        }
        storeText.set(loaded.storeText());
        updateSamplerStatus();
        data.set(loaded.data());
    }

    void updateSamplerStatus() {
        SamplerStatus status = telemetry.sampler().map(s -> s.status()).orElse(null);
        if (status != null) {
            String notes = status.notes().isEmpty() ? "" : "\n" + String.join("\n", status.notes());
            samplerText.set(status.message() + String.format(" · %.1f API requests/min, %d requests, %s received",
                    status.requestsPerMinute(), status.requests(), Units.bytes(status.bytes())) + notes);
        } else {
            samplerText.set("Not sampling (history only)");
        }
    }

    /** Appends a tick to what is shown and slides the window; a new node or component reloads instead. */
    private void onTick(Tick tick) {
        updateSamplerStatus();
        ChartData current = data.get();
        if (current == null) {
            return;
        }
        Map<String, Usage> componentSums = new HashMap<>();
        boolean unknown = false;
        for (Map.Entry<SeriesKey, Usage> entry : tick.usage().entrySet()) {
            SeriesKey key = entry.getKey();
            if (key.isNode()) {
                if (current.node() != null && !current.node().equals(key.node())) {
                    continue;
                }
                unknown |= !append(current.cpu(), key.node(), tick, Metric.CPU, entry.getValue(), current.percent());
                unknown |= !append(current.memory(), key.node(), tick, Metric.MEMORY, entry.getValue(),
                        current.percent());
            } else if (current.node() == null || current.node().equals(key.node())) {
                componentSums.merge(key.component(), entry.getValue(), Usage::plus);
            }
        }
        for (Map.Entry<String, Usage> entry : componentSums.entrySet()) {
            TimeSeries series = current.components().get(entry.getKey());
            if (series == null) {
                unknown = true;
            } else {
                series.add(tick.timestampMillis(), entry.getValue().memoryBytes());
            }
        }
        if (unknown) {
            reload();
            return;
        }
        long to = Math.max(current.to(), tick.timestampMillis());
        long from = to - range.get().toMillis();
        current.cpu().values().forEach(s -> s.dropBefore(from));
        current.memory().values().forEach(s -> s.dropBefore(from));
        current.components().values().forEach(s -> s.dropBefore(from));
        data.set(current.shifted(from, to));
    }

    private static boolean append(Map<String, TimeSeries> lines, String name, Tick tick, Metric metric, Usage usage,
                                  boolean percent) {
        TimeSeries series = lines.get(name);
        if (series == null) {
            return false;
        }
        double value = usage.get(metric);
        if (percent) {
            Usage alloc = tick.allocatable().get(name);
            if (alloc == null || alloc.get(metric) <= 0) {
                return true;
            }
            value = value / alloc.get(metric) * 100;
        }
        series.add(tick.timestampMillis(), value);
        return true;
    }

    /** Bands of the chosen baseline for the lines now shown (per node, in the chart's unit). */
    List<ChartBand> bands(Metric metric, Map<String, javafx.scene.paint.Color> colors) {
        Baseline baseline = band.get() == null ? null : baselines.get(band.get());
        List<ChartBand> result = new ArrayList<>();
        ChartData current = data.get();
        if (baseline == null || current == null) {
            return result;
        }
        baseline.window().nodes().forEach((name, summary) -> {
            if (!current.lines(metric).containsKey(name)) {
                return;
            }
            var stats = metric == Metric.CPU ? summary.cpu() : summary.memory();
            double scale = 1;
            if (current.percent()) {
                double alloc = metric == Metric.CPU ? summary.allocatableCpu() : summary.allocatableMemory();
                scale = alloc > 0 ? 100 / alloc : Double.NaN;
            }
            if (!stats.isEmpty() && !Double.isNaN(scale)) {
                result.add(new ChartBand(baseline.name() + " · " + name, colors.getOrDefault(name,
                        javafx.scene.paint.Color.GRAY), stats.mean() * scale, stats.p95() * scale));
            }
        });
        return result;
    }

    void fillHistory() {
        long to = clock.millis();
        long from = to - range.get().toMillis();
        tasks.submit("Reading history from Prometheus/VictoriaMetrics", progress -> telemetry.fillFromPromQL(
                java.time.Instant.ofEpochMilli(from), java.time.Instant.ofEpochMilli(to), progress), result -> {
                    int rounds = result.imports().stream().mapToInt(i -> i.rounds()).sum();
                    message.set(rounds > 0 ? "Filled " + rounds + " sampling rounds from "
                            + result.imports().get(result.imports().size() - 1).source()
                            : "Nothing filled. " + String.join(" ", result.problems()));
                    reload();
                }, e -> message.set("History fill failed: " + e.getMessage()));
    }

    void captureBaseline(String name, Duration window, Runnable done) {
        tasks.submit("Capturing baseline '" + name + "'", progress -> telemetry.baselines().capture(name, window),
                baseline -> {
                    message.set(String.format("Baseline '%s' captured: %d nodes, %d components, %.0f %% of the"
                                    + " window sampled.", baseline.name(), baseline.window().nodes().size(),
                            baseline.window().components().size(), baseline.window().coverage() * 100));
                    reload();
                    done.run();
                }, e -> message.set(e.getMessage()));
    }

    void dispose() {
        telemetry.sampler().ifPresent(s -> s.removeListener(tickListener));
    }
}
