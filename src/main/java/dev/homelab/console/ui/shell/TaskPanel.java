package dev.homelab.console.ui.shell;

import atlantafx.base.theme.Styles;
import dev.homelab.console.ui.common.BackgroundTasks;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The running background tasks, each with its latest message, progress and a cancel button. */
final class TaskPanel extends VBox {

    private final BackgroundTasks tasks;
    private final VBox rows = new VBox(10);

    TaskPanel(BackgroundTasks tasks) {
        this.tasks = tasks;
        setId("task-panel");
        getStyleClass().add("task-panel");
        setSpacing(10);
        Label heading = new Label("Background tasks");
        heading.getStyleClass().add(Styles.TITLE_4);
        getChildren().addAll(heading, rows);
        tasks.running().addListener((ListChangeListener<BackgroundTasks.Handle>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        rows.getChildren().clear();
        if (tasks.running().isEmpty()) {
            Label empty = new Label("Nothing is running. Connecting, installing and checks show up here while they work.");
            empty.setWrapText(true);
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            rows.getChildren().add(empty);
            return;
        }
        for (BackgroundTasks.Handle handle : tasks.running()) {
            rows.getChildren().add(row(handle));
        }
    }

    private static Node row(BackgroundTasks.Handle handle) {
        Label title = new Label(handle.title());
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label message = new Label();
        message.textProperty().bind(handle.messageProperty());
        message.getStyleClass().add(Styles.TEXT_SMALL);
        message.setWrapText(true);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(handle.fractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add(Styles.SMALL);
        VBox text = new VBox(4, title, message, bar);
        HBox.setHgrow(text, Priority.ALWAYS);

        Button cancel = new Button(null, new FontIcon(Feather.X));
        cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER, "cancel-task");
        cancel.setTooltip(new Tooltip("Cancel " + handle.title()));
        cancel.setAccessibleText("Cancel " + handle.title());
        cancel.setOnAction(event -> {
            cancel.setDisable(true);
            message.textProperty().unbind();
            message.setText("Cancelling…");
            handle.cancel();
        });
        HBox row = new HBox(8, text, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("task-row");
        return row;
    }
}
