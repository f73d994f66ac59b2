package dev.homelab.console.ui.shell;

import atlantafx.base.controls.Popover;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.ui.connect.ConnectedCluster;
import dev.homelab.console.ui.connect.ConnectionSummaryView;
import dev.homelab.console.ui.common.BackgroundTasks;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Bottom bar: which cluster the app talks to (with a SANDBOX badge for the simulated lab), the API server, and the
 * running background tasks — the latest one inline, all of them with cancel in a popover.
 */
final class StatusBar extends HBox {

    private final Label badge = new Label("SANDBOX");
    private final Button context = new Button();
    private Popover connectionPopover;
    private final Label server = new Label();
    private final Label latestTask = new Label();
    private final ProgressBar latestProgress = new ProgressBar();
    private final Button tasksButton = new Button();
    private Popover taskPopover;
    private final BackgroundTasks tasks;

    StatusBar(BackgroundTasks tasks) {
        this.tasks = tasks;
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(10);

        badge.setId("sandbox-badge");
        badge.getStyleClass().add("sandbox-badge");
        context.setId("status-context");
        context.setGraphic(new FontIcon(Feather.LINK_2));
        context.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        context.setOnAction(event -> toggleConnectionDetails());
        server.setId("status-server");
        server.getStyleClass().add(Styles.TEXT_MUTED);

        latestTask.getStyleClass().add(Styles.TEXT_SMALL);
        latestTask.setId("status-latest-task");
        latestProgress.getStyleClass().add(Styles.SMALL);
        latestProgress.setPrefWidth(120);

        tasksButton.setId("tasks-button");
        tasksButton.setGraphic(new FontIcon(Feather.LAYERS));
        tasksButton.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        tasksButton.textProperty().bind(Bindings.createStringBinding(() -> switch (tasks.running().size()) {
            case 0 -> "No background tasks";
            case 1 -> "1 task running";
            default -> tasks.running().size() + " tasks running";
        }, tasks.running()));

        tasksButton.setOnAction(event -> toggleTaskPanel());

        tasks.running().addListener((ListChangeListener<BackgroundTasks.Handle>) change -> showLatestTask());
        showLatestTask();
        showDisconnected();
        getChildren().addAll(badge, context, server, new Spacer(), latestTask, latestProgress, tasksButton);
    }

    void showConnected(ConnectedCluster connected) {
        ClusterIdentity identity = connected.console().cluster().identity();
        ScrollPane details = new ScrollPane(new ConnectionSummaryView(connected));
        details.setFitToWidth(true);
        details.setPrefSize(620, 460);
        if (connectionPopover == null) {
            connectionPopover = new Popover();
            connectionPopover.setArrowLocation(Popover.ArrowLocation.BOTTOM_LEFT);
            connectionPopover.setDetachable(false);
        }
        connectionPopover.setContentNode(details);
        context.setDisable(false);
        context.setTooltip(new Tooltip("Connection report and permissions"));
        badge.setVisible(identity.sandbox());
        badge.setManaged(identity.sandbox());
        context.setText(identity.sandbox() ? "Simulated home lab" : identity.contextName());
        server.setText(identity.serverUrl());
    }

    void showDisconnected() {
        badge.setVisible(false);
        badge.setManaged(false);
        context.setText("Not connected");
        context.setDisable(true);
        if (connectionPopover != null) {
            connectionPopover.hide();
        }
        server.setText("");
    }

    void toggleTaskPanel() {
        if (taskPopover == null) {
            taskPopover = new Popover(new TaskPanel(tasks));
            taskPopover.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
            taskPopover.setDetachable(false);
        }
        if (taskPopover.isShowing()) {
            taskPopover.hide();
        } else {
            taskPopover.show(tasksButton);
        }
    }

    private void toggleConnectionDetails() {
        if (connectionPopover == null) {
            return;
        }
        if (connectionPopover.isShowing()) {
            connectionPopover.hide();
        } else {
            connectionPopover.show(context);
        }
    }

    private void showLatestTask() {
        boolean any = !tasks.running().isEmpty();
        latestTask.textProperty().unbind();
        latestProgress.progressProperty().unbind();
        if (any) {
            BackgroundTasks.Handle latest = tasks.running().get(tasks.running().size() - 1);
            latestTask.textProperty().bind(Bindings.createStringBinding(() -> latest.messageProperty().get().isEmpty()
                    ? latest.title() : latest.title() + " — " + latest.messageProperty().get(), latest.messageProperty()));
            latestProgress.progressProperty().bind(latest.fractionProperty());
        } else {
            latestTask.setText("");
        }
        latestTask.setVisible(any);
        latestProgress.setVisible(any);
        latestProgress.setManaged(any);
    }
}
