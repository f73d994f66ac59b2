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

    private static final java.time.format.DateTimeFormatter SINCE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

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
        title.setWrapText(true);
        title.setMinHeight(USE_PREF_SIZE);
        state.setId("step-state");
        error.setId("step-error");
        error.setWrapText(true);
        error.setMinHeight(USE_PREF_SIZE);
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
        String text = record.state().label() + (record.updatedAt() == null ? "" : " since "
                + SINCE.format(record.updatedAt()));
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
        undoText.setMinHeight(USE_PREF_SIZE);
        HBox.setHgrow(undoText, javafx.scene.layout.Priority.ALWAYS);
        confirm.setMinWidth(USE_PREF_SIZE);
        cancel.setMinWidth(USE_PREF_SIZE);
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

    /**
     * Preflight, plan, evidence and log, each shown only when it has something, so that after a run the evidence is
     * in view instead of below empty boxes.
     */
    private VBox sections() {
        ItemsBox<PreflightCheck> checks = new ItemsBox<>(model.preflight(), CheckRows::preflight);
        checks.setId("preflight-list");
        ItemsBox<CheckResult> evidence = new ItemsBox<>(model.evidence(), CheckRows::evidence);
        evidence.setId("evidence-list");
        ListView<String> log = new ListView<>(model.log());
        log.setId("progress-log");
        log.setPrefHeight(110);
        TitledPane evidencePane = shownWhenAny(new TitledPane("", evidence), model.evidence());
        evidencePane.textProperty().bind(Bindings.createStringBinding(() -> evidenceTitle(model.evidence()),
                model.evidence()));
        Label empty = new Label("Review the plan of this step, or of its whole phase (left), to see the preflight "
                + "checks and exactly what would change.");
        empty.setWrapText(true);
        empty.setStyle("-fx-text-fill: -color-fg-muted;");
        empty.visibleProperty().bind(Bindings.isEmpty(model.preflight()).and(Bindings.isEmpty(model.plans()))
                .and(Bindings.isEmpty(model.evidence())).and(Bindings.isEmpty(model.log())));
        empty.managedProperty().bind(empty.visibleProperty());
        return new VBox(6, empty,
                shownWhenAny(new TitledPane("Preflight checklist", checks), model.preflight()),
                shownWhenAny(new TitledPane("Plan (values masked; diff against what is installed)", planView),
                        model.plans()),
                evidencePane,
                shownWhenAny(new TitledPane("Progress", log), model.log()));
    }

    private static TitledPane shownWhenAny(TitledPane pane, javafx.collections.ObservableList<?> items) {
        pane.setMinWidth(0);
        pane.visibleProperty().bind(Bindings.isNotEmpty(items));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    static String evidenceTitle(java.util.List<CheckResult> results) {
        java.util.Map<dev.homelab.console.verify.Verdict, Long> counts = results.stream().collect(
                java.util.stream.Collectors.groupingBy(CheckResult::verdict, java.util.stream.Collectors.counting()));
        StringBuilder title = new StringBuilder("Evidence: " + results.size() + " checks, "
                + counts.getOrDefault(dev.homelab.console.verify.Verdict.PASSED, 0L) + " passed");
        long unverified = counts.getOrDefault(dev.homelab.console.verify.Verdict.UNVERIFIED, 0L);
        long failed = counts.getOrDefault(dev.homelab.console.verify.Verdict.FAILED, 0L);
        if (unverified > 0) {
            title.append(", ").append(unverified).append(" not verified");
        }
        if (failed > 0) {
            title.append(", ").append(failed).append(" failed");
        }
        return title.toString();
    }

    private Button button(String text, String id, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        button.disableProperty().bind(model.busy().or(model.selected().isNull()));
        return button;
    }
}
