package dev.homelab.console.ui.charts;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.List;

/** A titled chart with its legend; each legend entry's tooltip says where its data comes from (the query). */
final class ChartPanel extends VBox {

    private final Label title = new Label();
    private final FlowPane legend = new FlowPane(12, 2);
    final CanvasChart chart;

    ChartPanel(String titleText, CanvasChart chart) {
        super(4);
        this.chart = chart;
        title.setText(titleText);
        title.getStyleClass().add("title-4");
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(title, legend, chart);
        setPadding(new Insets(4, 0, 8, 0));
    }

    void setTitle(String text) {
        title.setText(text);
    }

    void setLegend(List<ChartLine> lines) {
        legend.getChildren().clear();
        for (ChartLine line : lines) {
            Label entry = new Label(line.name(), new Rectangle(10, 10, line.color()));
            entry.setTooltip(new Tooltip(line.source()));
            legend.getChildren().add(entry);
        }
        if (lines.isEmpty()) {
            Label none = new Label("No samples in this window yet");
            none.setTextFill(Color.GRAY);
            legend.getChildren().add(none);
        }
    }
}
