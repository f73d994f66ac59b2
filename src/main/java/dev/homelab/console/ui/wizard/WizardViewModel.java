package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.FailureCleanup;
import dev.homelab.console.migration.InterruptedStep;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.Phase;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.migration.StepState;
import dev.homelab.console.migration.registry.StepRegistry;
import dev.homelab.console.task.Progress;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.common.FxCoalescer;
import dev.homelab.console.ui.shell.UiContext;
import dev.homelab.console.verify.CheckResult;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The wizard's state and commands; the only thing in the wizard that talks to the engine. Engine work runs through
 * {@link BackgroundTasks} (off the FX thread, cancellable, listed in the shell); journal changes arrive coalesced.
 * Properties change on the FX thread only.
 */
public final class WizardViewModel {

    private final UiContext ui;
    private final SecretsProvider.Entered secrets = SecretsProvider.entered(SecretsProvider.fromEnvironment());
    private final ObjectProperty<MigrationEngine> engine = new SimpleObjectProperty<>();
    private final WizardInputs inputs = new WizardInputs(secrets, engine::get);
    /** The phase whose undo waits for the user's confirmation. */
    private final ObjectProperty<Phase> phaseToUndo = new SimpleObjectProperty<>();
    private final ObservableList<Phase> phases = FXCollections.observableArrayList();
    private final Map<String, ObjectProperty<StepRecord>> records = new ConcurrentHashMap<>();
    private final ObjectProperty<MigrationStep> selected = new SimpleObjectProperty<>();
    private final ObservableList<PreflightCheck> preflight = FXCollections.observableArrayList();
    /** The plans on screen: one step's, or every step's of the phase under review; apply needs them. */
    private final ObservableList<StepPlan> plans = FXCollections.observableArrayList();
    /** Steps of the plans on screen that wait for an earlier step and are planned right before they run. */
    private final ObservableList<String> deferred = FXCollections.observableArrayList();
    private final ObjectProperty<Phase> reviewedPhase = new SimpleObjectProperty<>();
    private final ObservableList<CheckResult> evidence = FXCollections.observableArrayList();
    private final WizardLog wizardLog = new WizardLog();
    private final ObservableList<String> log = wizardLog.lines();
    private final StringProperty progressText = wizardLog.progressText();
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty lockHolder = new SimpleStringProperty();
    private final ObservableList<StepRecord> interrupted = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty failureCleanupOffered = new SimpleBooleanProperty();
    private final BooleanProperty rollbackPossible = new SimpleBooleanProperty();
    private final FxCoalescer<Boolean> journalChanged = new FxCoalescer<>(ignored -> refreshRecords());

    public WizardViewModel(UiContext ui) {
        this.ui = ui;
    }

    /** Loads the journal (a cluster read) in the background. */
    public void open() {
        run("Loading the migration journal", progress -> {
            MigrationEngine opened = MigrationEngine.open(ui.console(), StepRegistry.standard(), secrets);
            opened.addListener(record -> journalChanged.push(Boolean.TRUE));
            return new Opened(opened, opened.interrupted(), opened.lockHolder().orElse(null));
        }, opened -> {
            engine.set(opened.engine());
            phases.setAll(opened.engine().migration().phases());
            interrupted.setAll(opened.interrupted());
            lockHolder.set(opened.lockHolder());
            refreshRecords();
            if (!opened.engine().migration().steps().isEmpty()) {
                select(opened.engine().migration().steps().get(0));
            }
        });
    }

    private record Opened(MigrationEngine engine, List<StepRecord> interrupted, String lockHolder) {
    }

    public void select(MigrationStep step) {
        phaseToUndo.set(null);
        selected.set(step);
        if (!busy.get()) {
            log.clear(); // the last run's lines belong to the step that ran, not to this one
        }
        preflight.clear();
        plans.clear();
        reviewedPhase.set(null);
        error.set(null);
        failureCleanupOffered.set(false);
        MigrationEngine current = engine.get();
        evidence.setAll(current == null ? List.of() : current.lastVerification(step.id()));
        StepRecord record = record(step.id()).get();
        if (record != null && record.state() == StepState.FAILED) {
            error.set(record.lastError());
            failureCleanupOffered.set(true);
            rollbackPossible.set(!record.releases().isEmpty());
        }
    }

    public void runPreflight() {
        MigrationStep step = selected.get();
        run("Preflight: " + step.title(), progress -> engine.get().preflight(step.id()), preflight::setAll);
    }

    /** Shows the plan (with preflight); apply is possible only once a plan is shown. */
    public void reviewPlan() {
        MigrationStep step = selected.get();
        reviewPlans(step.title(), null, List.of(step));
    }

    /** Shows the plans of every step of a phase; "apply" then runs the whole phase. */
    public void reviewPhase(Phase phase) {
        select(phase.steps().get(0));
        reviewPlans(phase.label(), phase, phase.steps());
    }

    private void reviewPlans(String title, Phase phase, List<MigrationStep> steps) {
        plans.clear();
        reviewedPhase.set(null);
        run("Plan: " + title, progress -> PhaseReview.of(engine.get(), steps), reviewed -> {
            preflight.setAll(reviewed.checks());
            if (reviewed.complete()) {
                deferred.setAll(reviewed.deferred());
                plans.setAll(reviewed.plans());
                reviewedPhase.set(phase);
            } else {
                // the blocked step becomes the one on screen (its title, state and inputs), keeping the checks
                selected.set(reviewed.blockedAt().get());
                error.set(blocked(reviewed.checks()));
            }
        });
    }

    /** Every blocking check with its reason and fix, so the user reads what blocks without scrolling the list. */
    static String blocked(List<PreflightCheck> checks) {
        StringBuilder text = new StringBuilder("Blocked — fix these, then review the plan again:");
        checks.stream().filter(PreflightCheck::blocks).forEach(check -> text.append("\n• ").append(check.title())
                .append(": ").append(check.reason()).append(check.fix().isEmpty() ? "" : "\n   Fix: " + check.fix()));
        return text.toString();
    }

    /** Applies what the user reviewed (the button that calls this is shown only with the plans on screen). */
    public void applyReviewed() {
        if (plans.isEmpty()) {
            return;
        }
        log.clear();
        Phase phase = reviewedPhase.get();
        if (phase != null) {
            run("Apply: " + phase.label(), progress -> engine.get().applyPhase(phase.number(), progress), runs -> {
                evidence.setAll(runs.stream().flatMap(r -> r.verification().stream()).toList());
                showRun(runs.get(runs.size() - 1), false);
            });
            return;
        }
        MigrationStep step = selected.get();
        StepPlan reviewed = plans.get(0);
        run("Apply: " + step.title(), progress -> engine.get().apply(step.id(), reviewed, progress),
                r -> showRun(r, true));
    }

    public void verify() {
        MigrationStep step = selected.get();
        run("Verify: " + step.title(), progress -> engine.get().verify(step.id(), progress), evidence::setAll);
    }

    public void undo() {
        MigrationStep step = selected.get();
        log.clear();
        run("Undo: " + step.title(), progress -> {
            engine.get().undo(step.id(), progress);
            return Boolean.TRUE;
        }, done -> forgetStepResults());
    }

    /** Asks for confirmation (shown by the step detail) before {@link #undoPhase}. */
    public void requestPhaseUndo(Phase phase) {
        select(phase.steps().get(phase.steps().size() - 1));
        phaseToUndo.set(phase);
    }

    /** Undoes every step of the phase that ran, last step first. */
    public void undoPhase(Phase phase) {
        phaseToUndo.set(null);
        log.clear();
        run("Undo: " + phase.label(), progress -> {
            List<MigrationStep> steps = new java.util.ArrayList<>(phase.steps());
            java.util.Collections.reverse(steps);
            for (MigrationStep step : steps) {
                progress.checkCancelled();
                StepState state = engine.get().record(step.id()).state();
                if (state != StepState.NOT_STARTED && state != StepState.UNDONE) {
                    engine.get().undo(step.id(), progress);
                }
            }
            return Boolean.TRUE;
        }, done -> forgetStepResults());
    }

    /** After an undo, the plans and evidence shown describe a state that is gone. */
    private void forgetStepResults() {
        evidence.clear();
        plans.clear();
        failureCleanupOffered.set(false);
        error.set(null);
    }

    public ObjectProperty<Phase> phaseToUndo() {
        return phaseToUndo;
    }

    public void cleanUp(FailureCleanup choice) {
        MigrationStep step = selected.get();
        run("Clean up: " + step.title(), progress -> {
            engine.get().cleanUpFailure(step.id(), choice, progress);
            return Boolean.TRUE;
        }, done -> failureCleanupOffered.set(false));
    }

    /** Writes the migration report (HTML) to {@code file}; {@code written} gets the path once it is on disk. */
    public void writeReport(java.nio.file.Path file, java.util.function.Consumer<java.nio.file.Path> written) {
        run("Writing the migration report", progress -> dev.homelab.console.migration.report.ReportWriter
                .write(engine.get(), file), written);
    }

    /** Writes the target state for GitOps into {@code folder}; {@code written} gets the files once they are on disk. */
    public void exportTarget(java.nio.file.Path folder, java.util.function.Consumer<List<java.nio.file.Path>> written) {
        run("Exporting the target state for GitOps", progress -> {
            try {
                return dev.homelab.console.migration.export.TargetStateExport.write(engine.get(), folder);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not export to " + folder + ": " + e.getMessage(), e);
            }
        }, written);
    }

    /**
     * Reads Grafana's admin login from the Grafana release's Secret (a cluster read, in the background) into the
     * entered secrets; a refusal (no permission, no Secret) shows as the error with what to do instead.
     */
    public void useGrafanaAdminLogin() {
        run("Reading Grafana's admin login from its Secret", progress -> dev.homelab.console.migration.phase4
                .GrafanaAdminLogin.read(engine.get().contextFor(dev.homelab.console.migration.phase4
                        .GrafanaDatasourcesStep.ID)), inputs::enterGrafanaAdminLogin);
    }

    /** Re-checks steps a crashed console left running. */
    public void resume() {
        run("Re-checking interrupted steps", progress -> engine.get().resume(progress), (List<InterruptedStep> r) -> {
            interrupted.clear();
            MigrationStep step = selected.get();
            if (step != null) {
                select(step);
            }
        });
    }

    private void showRun(StepRun run, boolean withEvidence) {
        if (withEvidence) {
            evidence.setAll(run.verification());
        }
        preflight.setAll(run.preflight());
        switch (run.outcome()) {
            case FAILED -> {
                error.set(run.error());
                failureCleanupOffered.set(true);
                rollbackPossible.set(!engine.get().record(run.stepId()).releases().isEmpty());
            }
            case BLOCKED -> error.set(run.preflight().stream().anyMatch(PreflightCheck::blocks)
                    ? blocked(run.preflight()) : "Blocked: " + run.error());
            default -> error.set(null);
        }
        plans.clear();
        reviewedPhase.set(null);
    }

    private <T> void run(String title, Function<Progress, T> work, java.util.function.Consumer<T> onSuccess) {
        busy.set(true);
        error.set(null);
        progressText.set(title + " …");
        ui.tasks().submit(title, progress -> work.apply(wizardLog.around(progress)), result -> {
            // the result is on screen before the page says "finished" and the buttons come back
            try {
                onSuccess.accept(result);
                refreshRecords();
            } finally {
                busy.set(false);
                progressText.set(title + " — finished");
            }
        }, failure -> {
            busy.set(false);
            progressText.set(title + " — stopped");
            if (failure instanceof dev.homelab.console.migration.LockHeldException held) {
                lockHolder.set(held.holder());
            }
            error.set(failure.getMessage() == null ? failure.toString() : failure.getMessage());
            refreshRecords();
        });
    }

    private void refreshRecords() {
        MigrationEngine current = engine.get();
        if (current == null) {
            return;
        }
        for (MigrationStep step : current.migration().steps()) {
            record(step.id()).set(current.record(step.id()));
        }
    }

    public ObjectProperty<StepRecord> record(String stepId) {
        return records.computeIfAbsent(stepId, id -> new SimpleObjectProperty<>());
    }

    public StepState phaseState(Phase phase) {
        return engine.get() == null ? StepState.NOT_STARTED : engine.get().phaseState(phase);
    }

    public ObservableList<Phase> phases() {
        return phases;
    }

    public ObjectProperty<MigrationStep> selected() {
        return selected;
    }

    public ObservableList<PreflightCheck> preflight() {
        return preflight;
    }

    public ObservableList<StepPlan> plans() {
        return plans;
    }

    public ObservableList<String> deferred() {
        return deferred;
    }

    public ObjectProperty<Phase> reviewedPhase() {
        return reviewedPhase;
    }

    public ObservableList<CheckResult> evidence() {
        return evidence;
    }

    public ObservableList<String> log() {
        return log;
    }

    public StringProperty progressText() {
        return progressText;
    }

    public StringProperty error() {
        return error;
    }

    public StringProperty lockHolder() {
        return lockHolder;
    }

    public ObservableList<StepRecord> interrupted() {
        return interrupted;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public BooleanProperty failureCleanupOffered() {
        return failureCleanupOffered;
    }

    public BooleanProperty rollbackPossible() {
        return rollbackPossible;
    }

    public ObjectProperty<MigrationEngine> engine() {
        return engine;
    }

    WizardInputs inputs() {
        return inputs;
    }

    /** The simulated home lab, where the wizard may say which test values its services accept. */
    public boolean sandbox() {
        return ui.console().isSandbox();
    }

    public void openCharts() {
        ui.navigate("charts");
    }
}
