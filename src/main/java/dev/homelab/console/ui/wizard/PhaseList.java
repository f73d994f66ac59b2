package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.Phase;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** The phases with their state and a button each, and under each phase its steps with their state and a button. */
final class PhaseList extends VBox {

    private final WizardViewModel model;
    private final List<Runnable> phaseStateUpdates = new ArrayList<>();
    private final java.util.Map<String, HBox> rows = new java.util.HashMap<>();

    PhaseList(WizardViewModel model) {
        this.model = model;
        setSpacing(4);
        setPadding(new Insets(8));
        setPrefWidth(400);
        setId("phase-list");
        model.phases().addListener((javafx.collections.ListChangeListener<Phase>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        phaseStateUpdates.clear();
        rows.clear();
        for (Phase phase : model.phases()) {
            StateBadge phaseState = new StateBadge();
            phaseState.setId("phase-state-" + phase.number());
            Label title = new Label(phase.label());
            title.setWrapText(true);
            title.setStyle("-fx-font-weight: bold;");
            Button review = new Button("Review phase");
            review.setId("phase-" + phase.number());
            review.disableProperty().bind(model.busy());
            review.setOnAction(e -> model.reviewPhase(phase));
            Button undo = new Button("Undo phase…");
            undo.setId("undo-phase-" + phase.number());
            javafx.beans.property.BooleanProperty notStarted = new javafx.beans.property.SimpleBooleanProperty();
            undo.disableProperty().bind(model.busy().or(notStarted));
            undo.setOnAction(e -> model.requestPhaseUndo(phase));
            Region grow = new Region();
            HBox.setHgrow(grow, Priority.ALWAYS);
            HBox actions = new HBox(6, phaseState, grow, undo, review);
            actions.setAlignment(Pos.CENTER_LEFT);
            VBox header = new VBox(4, title, actions);
            header.setPadding(new Insets(10, 0, 2, 0));
            getChildren().add(header);
            Runnable update = () -> {
                StepState state = model.phaseState(phase);
                phaseState.show(state);
                notStarted.set(state == StepState.NOT_STARTED || state == StepState.UNDONE);
            };
            phaseStateUpdates.add(update);
            update.run();
            for (MigrationStep step : phase.steps()) {
                getChildren().add(stepRow(step));
            }
        }
    }

    /** The row of a step, for scrolling it into view. */
    java.util.Optional<javafx.scene.Node> rowOf(MigrationStep step) {
        return step == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(rows.get(step.id()));
    }

    private HBox stepRow(MigrationStep step) {
        StateBadge state = new StateBadge();
        state.setId("state-" + step.id());
        Button open = new Button(step.title());
        open.setId("step-" + step.id());
        open.setMaxWidth(Double.MAX_VALUE);
        open.setAlignment(Pos.CENTER_LEFT);
        // step titles are sentences: wrap them rather than cut them
        open.setWrapText(true);
        open.setMnemonicParsing(false);
        open.setTooltip(new javafx.scene.control.Tooltip(step.title()));
        open.setOnAction(e -> model.select(step));
        HBox.setHgrow(open, Priority.ALWAYS);
        var record = model.record(step.id());
        Runnable show = () -> {
            StepRecord current = record.get();
            state.show(current == null ? StepState.NOT_STARTED : current.state());
            phaseStateUpdates.forEach(Runnable::run);
        };
        record.addListener((obs, old, now) -> show.run());
        show.run();
        HBox row = new HBox(6, state, open);
        rows.put(step.id(), row);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(0, 0, 0, 12));
        return row;
    }
}
