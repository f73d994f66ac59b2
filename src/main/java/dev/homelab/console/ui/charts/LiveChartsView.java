package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.TimeSeries;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;


import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The live tab: window, node and unit pickers, CPU / memory / components charts, baseline band, exports. */
final class LiveChartsView extends VBox {

    private static final String ALL = "All nodes";

    private final ChartsViewModel model;
    private final LineChartCanvas cpuChart;
    private final LineChartCanvas memoryChart;
    private final StackedChartCanvas componentChart;
    private final ChartPanel cpuPanel;
    private final ChartPanel memoryPanel;
    private final ChartPanel componentPanel;
    private final Label sources = new Label();
    private final VBox charts = new VBox(6);

    LiveChartsView(ChartsViewModel model, ZoneId zone) {
        super(8);
        this.model = model;
        cpuChart = new LineChartCanvas(zone);
        memoryChart = new LineChartCanvas(zone);
        componentChart = new StackedChartCanvas(zone);
        cpuChart.setId("cpu-chart");
        memoryChart.setId("memory-chart");
        componentChart.setId("component-chart");
        cpuPanel = new ChartPanel("CPU", cpuChart);
        memoryPanel = new ChartPanel("Memory (working set)", memoryChart);
        componentPanel = new ChartPanel("Monitoring components — memory", componentChart);
        charts.getChildren().addAll(cpuPanel, memoryPanel, componentPanel);
        sources.setWrapText(true);
        sources.getStyleClass().add("text-muted");
        ScrollPane scroll = new ScrollPane(new VBox(6, charts, sources));
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        setPadding(new Insets(8));
        getChildren().addAll(toolbar(), actions(), scroll);
        model.data.addListener((o, a, b) -> render());
        model.band.addListener((o, a, b) -> render());
    }

    private HBox toolbar() {
        ToggleGroup ranges = new ToggleGroup();
        HBox rangeButtons = new HBox(0);
        for (Duration range : ChartsViewModel.RANGES) {
            ToggleButton button = new ToggleButton(label(range));
            button.setId("range-" + label(range).replace(" ", ""));
            button.setToggleGroup(ranges);
            button.setUserData(range);
            button.setSelected(range.equals(model.range.get()));
            rangeButtons.getChildren().add(button);
        }
        ranges.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.range.set((Duration) b.getUserData());
            }
        });
        ComboBox<String> node = new ComboBox<>();
        node.setId("node-picker");
        node.getItems().add(ALL);
        model.nodes.addListener((javafx.collections.ListChangeListener<String>) c -> {
            String selected = node.getValue();
            node.getItems().setAll(ALL);
            node.getItems().addAll(model.nodes);
            node.setValue(selected != null && node.getItems().contains(selected) ? selected : ALL);
        });
        node.setValue(ALL);
        node.valueProperty().addListener((o, a, b) -> model.node.set(b == null || b.equals(ALL) ? null : b));
        ToggleGroup unit = new ToggleGroup();
        ToggleButton absolute = new ToggleButton("Absolute");
        ToggleButton percent = new ToggleButton("% of allocatable");
        percent.setId("percent-toggle");
        absolute.setToggleGroup(unit);
        percent.setToggleGroup(unit);
        absolute.setSelected(true);
        unit.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                model.percent.set(b == percent);
            }
        });
        ComboBox<String> band = new ComboBox<>();
        band.setId("band-picker");
        band.setPromptText("Baseline band: none");
        band.setItems(model.baselineNames);
        band.valueProperty().bindBidirectional(model.band);
        HBox bar = new HBox(10, new Label("Window"), rangeButtons, new Label("Node"), node, new HBox(absolute, percent),
                band);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private VBox actions() {
        Button capture = new Button("Capture baseline…");
        capture.setId("capture-baseline");
        capture.setOnAction(e -> captureBaseline());
        Button fill = new Button("Fill from Prometheus / VictoriaMetrics");
        fill.setId("fill-history");
        fill.setOnAction(e -> model.fillHistory());
        Button png = new Button("Export PNG…");
        png.setOnAction(e -> save("PNG image", "*.png", "charts.png", file -> ChartExport.png(charts, file.toPath())));
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> save("CSV", "*.csv", "usage.csv", file -> ChartExport.csv(csvData(), file.toPath())));
        Label message = new Label();
        message.setId("charts-message");
        message.textProperty().bind(model.message);
        message.setWrapText(true);
        Label sampler = new Label();
        sampler.setId("sampler-status");
        sampler.textProperty().bind(model.samplerText);
        sampler.setWrapText(true);
        Label store = new Label();
        store.setId("store-status");
        store.textProperty().bind(model.storeText);
        store.setWrapText(true);
        HBox buttons = new HBox(8, capture, fill, png, csv);
        buttons.getChildren().forEach(b -> ((Button) b).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));
        VBox status = new VBox(2, sampler, store, message);
        return new VBox(6, buttons, status);
    }

    private void captureBaseline() {
        TextInputDialog dialog = new TextInputDialog("before migration");
        dialog.setTitle("Capture baseline");
        dialog.setHeaderText("Records the last 60 minutes of node and component usage (mean, p95, max).");
        dialog.setContentText("Name");
        dialog.showAndWait().ifPresent(name -> model.captureBaseline(name, Duration.ofMinutes(60), () -> { }));
    }

    private Map<String, Map<String, TimeSeries>> csvData() {
        Map<String, Map<String, TimeSeries>> data = new LinkedHashMap<>();
        ChartData current = model.data.get();
        if (current != null) {
            String suffix = current.percent() ? " (% of allocatable)" : "";
            data.put("cpu_cores" + suffix, current.cpu());
            data.put("memory_bytes" + suffix, current.memory());
            data.put("component_memory_bytes", current.components());
        }
        return data;
    }

    private void render() {
        ChartData data = model.data.get();
        if (data == null) {
            return;
        }
        String where = data.node() == null ? "all nodes" : data.node();
        String source = "metrics.k8s.io, sampled by Homelab Console" + (data.sources().isEmpty() ? ""
                : "; PromQL history: " + data.sources());
        Map<String, Color> colors = new LinkedHashMap<>();
        for (String name : data.memory().keySet()) {
            colors.put(name, Palette.node(model.nodes.indexOf(name) < 0 ? colors.size() : model.nodes.indexOf(name)));
        }
        List<ChartLine> cpu = lines(data.cpu(), colors, source);
        List<ChartLine> memory = lines(data.memory(), colors, source);
        ValueAxis cpuAxis = data.percent() ? ValueAxis.PERCENT : ValueAxis.CORES;
        ValueAxis memAxis = data.percent() ? ValueAxis.PERCENT : ValueAxis.BYTES;
        cpuPanel.setTitle("CPU — " + where + (data.percent() ? " (% of allocatable)" : " (cores)"));
        memoryPanel.setTitle("Memory working set — " + where + (data.percent() ? " (% of allocatable)" : ""));
        componentPanel.setTitle("Monitoring components — memory, " + where + " (stacked)");
        cpuPanel.setLegend(cpu);
        memoryPanel.setLegend(memory);
        cpuChart.show(cpu, model.bands(Metric.CPU, colors), cpuAxis, data.from(), data.to());
        memoryChart.show(memory, model.bands(Metric.MEMORY, colors), memAxis, data.from(), data.to());
        List<ChartLine> layers = new ArrayList<>();
        data.components().forEach((key, series) -> layers.add(new ChartLine(Component.fromKey(key).label(),
                Palette.component(key), series, source)));
        componentPanel.setLegend(layers);
        componentChart.show(layers, ValueAxis.BYTES, data.from(), data.to());
        sources.setText(data.sources().isEmpty() ? "All lines: metrics.k8s.io (metrics-server), sampled by this app."
                : "Ranges filled from PromQL history (exact queries):\n" + data.sources());
    }

    private static List<ChartLine> lines(Map<String, TimeSeries> series, Map<String, Color> colors, String source) {
        List<ChartLine> lines = new ArrayList<>();
        series.forEach((name, s) -> lines.add(new ChartLine(name, colors.getOrDefault(name, Color.GRAY), s, source)));
        return lines;
    }

    static String label(Duration range) {
        return range.toDays() >= 1 && range.toHours() % 24 == 0 ? range.toDays() + " d"
                : range.toHours() >= 1 ? range.toHours() + " h" : range.toMinutes() + " min";
    }

    private interface FileAction {
        void run(File file) throws IOException;
    }

    private void save(String description, String pattern, String initial, FileAction action) {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        chooser.setInitialFileName(initial);
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                action.run(file);
                model.message.set("Saved " + file);
            } catch (IOException | RuntimeException e) {
                model.message.set("Could not save " + file + ": " + e.getMessage());
            }
        }
    }

}
