package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.telemetry.report.ComparisonReport;
import dev.homelab.console.ui.common.BackgroundTasks;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * The comparison tab: pick a baseline and an "after" window; see the headline, the honesty flags, per node and
 * total, and per component what is gone, added or changed; export the HTML report; rename or delete baselines.
 */
final class ComparisonView extends VBox {

    /** The short windows are for rehearsals and a first look right after the change; the flags say what they lack. */
    static final List<Duration> AFTER_WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofHours(6),
            Duration.ofHours(24));

    private final ChartsViewModel model;
    private final BackgroundTasks tasks;
    private final ZoneId zone;
    private final ComboBox<String> baseline = new ComboBox<>();
    private final ComboBox<Duration> after = new ComboBox<>();
    private final Label headline = new Label("Pick a baseline and an \"after\" window, then Compare.");
    private final VBox flags = new VBox(2);
    final TableView<ComparisonRow> nodes = table("comparison-nodes", "Node");
    final TableView<ComparisonRow> components = table("comparison-components", "Component");
    private Comparison current;

    ComparisonView(ChartsViewModel model, BackgroundTasks tasks, ZoneId zone) {
        super(8);
        this.model = model;
        this.tasks = tasks;
        this.zone = zone;
        setPadding(new Insets(8));
        baseline.setId("compare-baseline");
        baseline.setItems(model.baselineNames);
        baseline.setPromptText("Baseline");
        after.setId("compare-after");
        after.getItems().setAll(AFTER_WINDOWS);
        after.setValue(Duration.ofMinutes(30));
        after.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Duration d) {
                return d == null ? "" : "last " + LiveChartsView.label(d);
            }

            @Override
            public Duration fromString(String s) {
                return null;
            }
        });
        Button compare = new Button("Compare");
        compare.setId("compare-run");
        compare.setDefaultButton(true);
        compare.disableProperty().bind(baseline.valueProperty().isNull());
        compare.setOnAction(e -> compare());
        Button report = new Button("Export HTML report…");
        report.setId("compare-report");
        report.setOnAction(e -> exportReport());
        Button rename = new Button("Rename…");
        rename.disableProperty().bind(baseline.valueProperty().isNull());
        rename.setOnAction(e -> rename());
        Button delete = new Button("Delete");
        delete.disableProperty().bind(baseline.valueProperty().isNull());
        delete.setOnAction(e -> delete());
        HBox bar = new HBox(8, new Label("Baseline"), baseline, new Label("After"), after, compare, report, rename,
                delete);
        bar.setAlignment(Pos.CENTER_LEFT);
        headline.setId("compare-headline");
        headline.getStyleClass().add("title-4");
        headline.setWrapText(true);
        VBox.setVgrow(components, Priority.ALWAYS);
        getChildren().addAll(bar, headline, flags, new Label("Nodes"), nodes, new Label("Monitoring components"),
                components);
        nodes.setPrefHeight(180);
    }

    void compare() {
        String name = baseline.getValue();
        Duration window = after.getValue();
        if (name == null || window == null) {
            return;
        }
        tasks.submit("Comparing with '" + name + "'", progress -> model.telemetry().compare(name, window),
                this::show, e -> headline.setText("Could not compare: " + e.getMessage()));
    }

    void select(String name, Duration window) {
        baseline.setValue(name);
        after.setValue(window);
    }

    private void show(Comparison comparison) {
        current = comparison;
        headline.setText(ComparisonReport.headline(comparison));
        flags.getChildren().clear();
        for (String flag : comparison.flags()) {
            Label label = new Label("⚠ " + flag);
            label.setWrapText(true);
            label.getStyleClass().add("warning");
            flags.getChildren().add(label);
        }
        nodes.getItems().clear();
        comparison.nodes().forEach(n -> nodes.getItems().add(ComparisonRow.of(n.node(), n.memory(), n.cpu())));
        nodes.getItems().add(ComparisonRow.of("All nodes", comparison.totalMemory(), comparison.totalCpu()));
        components.getItems().setAll(comparison.components().stream()
                .map(c -> ComparisonRow.of(c.label(), c.memory(), c.cpu())).toList());
    }

    private void exportReport() {
        if (current == null) {
            headline.setText("Compare first; the report shows the comparison on screen.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
        chooser.setInitialFileName("before-after.html");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        Comparison comparison = current;
        String cluster = model.telemetry().context().cluster().identity().contextName();
        tasks.submit("Writing report", progress -> {
            try {
                Files.writeString(file.toPath(), ComparisonReport.html(comparison, model.telemetry().store(), cluster,
                        zone));
                return file;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, f -> model.message.set("Report saved to " + f), e -> headline.setText("Could not write " + file + ": "
                + e.getMessage()));
    }

    private void rename() {
        String old = baseline.getValue();
        TextInputDialog dialog = new TextInputDialog(old);
        dialog.setTitle("Rename baseline");
        dialog.setContentText("New name");
        dialog.showAndWait().ifPresent(name -> tasks.submit("Renaming baseline", progress -> {
            model.telemetry().baselines().rename(old, name);
            return name;
        }, n -> {
            model.reload();
            baseline.setValue(n);
        }, e -> headline.setText(e.getMessage())));
    }

    private void delete() {
        String name = baseline.getValue();
        tasks.submit("Deleting baseline", progress -> {
            model.telemetry().baselines().delete(name);
            return name;
        }, n -> {
            baseline.setValue(null);
            model.reload();
        }, e -> headline.setText(e.getMessage()));
    }

    private static TableView<ComparisonRow> table(String id, String first) {
        TableView<ComparisonRow> table = new TableView<>();
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // widths that fit "-1.39 GiB  -100.0 %" and "no clear change" in a 1280-pixel window
        table.getColumns().add(column(first, ComparisonRow::name, 150));
        table.getColumns().add(column("Memory before", ComparisonRow::memoryBefore, 95));
        table.getColumns().add(column("after", ComparisonRow::memoryAfter, 80));
        table.getColumns().add(column("change", ComparisonRow::memoryChange, 140));
        table.getColumns().add(column("", ComparisonRow::memoryVerdict, 105));
        table.getColumns().add(column("CPU before", ComparisonRow::cpuBefore, 80));
        table.getColumns().add(column("after", ComparisonRow::cpuAfter, 60));
        table.getColumns().add(column("change", ComparisonRow::cpuChange, 120));
        table.getColumns().add(column("", ComparisonRow::cpuVerdict, 105));
        table.setPlaceholder(new Label("No comparison yet"));
        return table;
    }

    private static TableColumn<ComparisonRow, String> column(String title, Function<ComparisonRow, String> value,
                                                             double width) {
        TableColumn<ComparisonRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
