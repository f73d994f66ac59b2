package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.FailureCleanup;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.verify.CheckResult;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The selected step: its state and last error, the commands (preflight, review plan, apply the reviewed plan, verify,
 * undo with confirmation, clean-up after a failure, open the charts), the preflight checklist, the plan with its diff,
 * live progress and the verification evidence.
 */
final class StepDetail extends VBox {

    private final WizardViewModel model;
    private final Label title = new Label();
    private final Label state = new Label();
    private final Label error = new Label();
    private final PlanView planView = new PlanView();
    private final HBox undoConfirm = new HBox(8);
    private final Label undoText = new Label();

    StepDetail(WizardViewModel model) {
        this.model = model;
        setSpacing(8);
        setPadding(new Insets(8));
        title.setId("step-title");
        title.setStyle("-fx-font-size: 1.3em; -fx-font-weight: bold;");
        state.setId("step-state");
        error.setId("step-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(model.error());
        error.visibleProperty().bind(model.error().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        getChildren().addAll(title, state, commands(), undoConfirmation(), error, cleanupChoices(),
                new PhaseInputs(model), sections());
        model.phaseToUndo().addListener((obs, old, phase) -> {
            if (phase != null) {
                undoText.setText("Undo " + phase.label() + ", last step first: " + phase.steps().stream()
                        .map(MigrationStep::undoDescription).collect(java.util.stream.Collectors.joining(" ")));
                undoConfirm.setVisible(true);
            } else if (model.selected().get() != null) {
                undoText.setText(model.selected().get().undoDescription());
            }
        });
        model.selected().addListener((obs, old, step) -> show(step));
        model.plans().addListener((ListChangeListener<? super dev.homelab.console.migration.StepPlan>) c ->
                planView.show(model.plans(), model.deferred()));
    }

    private void show(MigrationStep step) {
        undoConfirm.setVisible(false);
        if (step == null) {
            return;
        }
        title.setText("Phase " + step.phase() + " · " + step.title());
        var record = model.record(step.id());
        state.textProperty().unbind();
        state.textProperty().bind(Bindings.createStringBinding(() -> describe(record.get()), record));
        undoText.setText(step.undoDescription());
    }

    private static String describe(StepRecord record) {
        if (record == null) {
            return "not started";
        }
        String text = record.state().label() + (record.updatedAt() == null ? "" : " since " + record.updatedAt());
        return record.by() == null ? text : text + " (" + record.by() + ")";
    }

    private FlowPane commands() {
        Button preflight = button("Preflight", "preflight", model::runPreflight);
        Button review = button("Review plan", "review-plan", model::reviewPlan);
        Button apply = button("Apply this plan", "apply-plan", model::applyReviewed);
        apply.visibleProperty().bind(Bindings.isNotEmpty(model.plans()));
        apply.managedProperty().bind(apply.visibleProperty());
        apply.getStyleClass().add("accent");
        Button verify = button("Verify", "verify", model::verify);
        Button undo = button("Undo…", "undo", () -> {
            model.phaseToUndo().set(null);
            undoConfirm.setVisible(true);
        });
        Button charts = new Button("Open charts");
        charts.setId("open-charts");
        charts.setOnAction(e -> model.openCharts());
        Label progress = new Label();
        progress.setId("progress-text");
        progress.textProperty().bind(model.progressText());
        FlowPane pane = new FlowPane(8, 8, preflight, review, apply, verify, undo, charts, progress);
        pane.setAlignment(Pos.CENTER_LEFT);
        return pane;
    }

    private HBox undoConfirmation() {
        Button confirm = button("Confirm undo", "confirm-undo", () -> {
            undoConfirm.setVisible(false);
            if (model.phaseToUndo().get() != null) {
                model.undoPhase(model.phaseToUndo().get());
            } else {
                model.undo();
            }
        });
        confirm.getStyleClass().add("danger");
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> {
            undoConfirm.setVisible(false);
            model.phaseToUndo().set(null);
        });
        undoText.setWrapText(true);
        undoConfirm.getChildren().addAll(undoText, confirm, cancel);
        undoConfirm.setId("undo-confirmation");
        undoConfirm.setAlignment(Pos.CENTER_LEFT);
        undoConfirm.setVisible(false);
        undoConfirm.managedProperty().bind(undoConfirm.visibleProperty());
        return undoConfirm;
    }

    private HBox cleanupChoices() {
        Label question = new Label("The step failed. Clean up:");
        Button rollback = button("Roll back its Helm releases", "cleanup-rollback",
                () -> model.cleanUp(FailureCleanup.ROLLBACK));
        rollback.visibleProperty().bind(model.rollbackPossible());
        rollback.managedProperty().bind(rollback.visibleProperty());
        HBox box = new HBox(8, question, rollback,
                button("Undo the step", "cleanup-uninstall", () -> model.cleanUp(FailureCleanup.UNINSTALL)),
                button("Keep for inspection", "cleanup-keep", () -> model.failureCleanupOffered().set(false)));
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("failure-cleanup");
        box.visibleProperty().bind(model.failureCleanupOffered());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox sections() {
        ListView<PreflightCheck> checks = new ListView<>(model.preflight());
        checks.setId("preflight-list");
        checks.setPrefHeight(130);
        checks.setCellFactory(list -> new PreflightCell());
        ListView<String> log = new ListView<>(model.log());
        log.setId("progress-log");
        log.setPrefHeight(110);
        ListView<CheckResult> evidence = new ListView<>(model.evidence());
        evidence.setId("evidence-list");
        evidence.setPrefHeight(200);
        evidence.setCellFactory(list -> new EvidenceCell());
        javafx.scene.control.ScrollPane planScroll = new javafx.scene.control.ScrollPane(planView);
        planScroll.setFitToWidth(true);
        planScroll.setPrefHeight(220);
        return new VBox(6,
                new TitledPane("Preflight checklist", checks),
                new TitledPane("Plan (values masked; diff against what is installed)", planScroll),
                new TitledPane("Progress", log),
                new TitledPane("Verification evidence", evidence));
    }

    private Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        button.disableProperty().bind(model.busy().or(model.selected().isNull()));
        return button;
    }

    /** OK / WARNING / BLOCKED with the reason and the fix. */
    private static final class PreflightCell extends ListCell<PreflightCheck> {
        @Override
        protected void updateItem(PreflightCheck check, boolean empty) {
            super.updateItem(check, empty);
            if (empty || check == null) {
                setText(null);
                setStyle("");
                return;
            }
            String mark = switch (check.severity()) {
                case OK -> "OK";
                case WARNING -> "WARNING";
                case BLOCKING -> "BLOCKED";
            };
            setText(mark + "  " + check.title() + ": " + check.reason()
                    + (check.fix().isEmpty() ? "" : "  — fix: " + check.fix()));
            setWrapText(true);
            setStyle(switch (check.severity()) {
                case OK -> "-fx-text-fill: -color-success-fg;";
                case WARNING -> "-fx-text-fill: -color-warning-fg;";
                case BLOCKING -> "-fx-text-fill: -color-danger-fg;";
            });
        }
    }
}
