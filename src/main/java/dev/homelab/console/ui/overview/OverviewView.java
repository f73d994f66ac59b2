package dev.homelab.console.ui.overview;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.UsageSample;
import dev.homelab.console.ui.shell.UiContext;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Lays out the overview: header, nodes (with usage problems explained), then the monitoring inventory. */
final class OverviewView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ScrollPane root;

    OverviewView(OverviewViewModel model, UiContext context) {
        VBox column = new VBox(14);
        column.setPadding(new Insets(24, 28, 28, 28));
        column.getChildren().addAll(header(context.console().cluster().identity()), nodesSection(model),
                new InventoryView(model.inventory()));
        root = new ScrollPane(column);
        root.setFitToWidth(true);
        root.setId("overview-page");
        root.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    }

    ScrollPane root() {
        return root;
    }

    private static Node header(ClusterIdentity identity) {
        Label title = new Label("Cluster overview");
        title.getStyleClass().add(Styles.TITLE_2);
        Label subtitle = new Label((identity.sandbox() ? "Simulated home lab" : "Context " + identity.contextName())
                + " · " + identity.serverUrl());
        subtitle.getStyleClass().add("page-subtitle");
        return new VBox(4, title, subtitle);
    }

    private static Node nodesSection(OverviewViewModel model) {
        Label title = new Label("Nodes", new FontIcon(Feather.CPU));
        title.getStyleClass().add(Styles.TITLE_4);
        Label count = new Label();
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> {
            long notReady = model.rows().stream().filter(row -> !row.node().isReady()).count();
            int total = model.rows().size();
            return total == 0 ? "" : total + (total == 1 ? " node" : " nodes")
                    + (notReady == 0 ? ", all Ready" : ", " + notReady + " not Ready");
        }, model.rows()));
        Label sampled = new Label();
        sampled.setId("usage-sampled-at");
        sampled.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        sampled.textProperty().bind(Bindings.createStringBinding(() -> {
            UsageSample sample = model.lastSampleProperty().get();
            return sample == null ? "Usage: waiting for the first sample"
                    : sample.ok() ? "Usage from metrics.k8s.io at " + TIME.format(sample.at()) + model.intervalText()
                    : "Usage unavailable";
        }, model.lastSampleProperty()));
        HBox heading = new HBox(10, title, count, new Spacer(), sampled);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label usageProblem = banner("usage-problem");
        usageProblem.textProperty().bind(Bindings.createStringBinding(() -> model.usageProblemProperty().get() == null
                ? "" : model.usageProblemProperty().get(), model.usageProblemProperty()));
        usageProblem.visibleProperty().bind(model.usageProblemProperty().isNotNull());
        usageProblem.managedProperty().bind(usageProblem.visibleProperty());

        Label watchProblem = banner("watch-problem");
        watchProblem.textProperty().bind(model.watchProblemProperty());
        watchProblem.visibleProperty().bind(model.watchProblemProperty().isNotNull());
        watchProblem.managedProperty().bind(watchProblem.visibleProperty());

        VBox section = new VBox(10, heading, watchProblem, usageProblem, new NodeTable(model.rows()));
        section.setId("nodes-section");
        return section;
    }

    static Label banner(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        label.getStyleClass().add("warning-banner");
        return label;
    }
}
