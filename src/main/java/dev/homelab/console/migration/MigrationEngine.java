package dev.homelab.console.migration;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs the steps of a {@link Migration} on one cluster, the same for the wizard and the CLI: preflight, plan, apply
 * (skipped when already done), verify, undo, and clean-up after a failure. Every change of a step's state is journaled
 * ({@link MigrationJournal}) before and after each mutation of the cluster, so a crash at any point leaves a journal
 * from which {@link #resume} knows what was running. Mutations run under the cluster-wide {@link MigrationLock}.
 * Thread-safe; listeners are called on the thread that changed the state.
 */
public final class MigrationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationEngine.class);

    private final ConsoleContext console;
    private final Migration migration;
    private final SecretsProvider secrets;
    private final MigrationJournal journal;
    private final MigrationLock lock;
    private final Clock clock;
    private final Map<String, List<CheckResult>> lastVerification = new ConcurrentHashMap<>();
    private final List<Consumer<StepRecord>> listeners = new CopyOnWriteArrayList<>();
    private JournalState state;

    public MigrationEngine(ConsoleContext console, Migration migration, SecretsProvider secrets,
                           MigrationLock lock, Clock clock) {
        this.console = console;
        this.migration = migration;
        this.secrets = secrets;
        this.lock = lock;
        this.clock = clock;
        String clusterId = console.cluster().identity().clusterId();
        this.journal = new MigrationJournal(console.cluster().kube(), console.dirs(), clusterId);
        this.state = journal.load();
        if (state.settings() == null) {
            state = state.withSettings(MigrationSettings.defaults());
        }
    }

    /** The standard engine: lock identity user@host pid, 60 s lease, system clock. */
    public static MigrationEngine open(ConsoleContext console, Migration migration, SecretsProvider secrets) {
        MigrationLock lock = new MigrationLock(console.cluster().kube(), MigrationLock.defaultIdentity(),
                MigrationLock.DEFAULT_DURATION, Clock.systemUTC());
        return new MigrationEngine(console, migration, secrets, lock, Clock.systemUTC());
    }

    public Migration migration() {
        return migration;
    }

    /** Masks every known secret value (for reports and exports). */
    public SecretMasker masker() {
        return SecretMasker.of(secrets);
    }

    public ConsoleContext console() {
        return console;
    }

    public synchronized MigrationSettings settings() {
        return state.settings();
    }

    /** Changes the settings for the steps to come; saved with the journal. */
    public synchronized void updateSettings(MigrationSettings settings) {
        state = state.withSettings(settings);
    }

    public synchronized JournalState journal() {
        return state;
    }

    public synchronized StepRecord record(String stepId) {
        return state.step(stepId, require(stepId).phase());
    }

    /** The last verification of a step run by this console (the journal keeps a one-line summary per check). */
    public List<CheckResult> lastVerification(String stepId) {
        return lastVerification.getOrDefault(stepId, List.of());
    }

    public void addListener(Consumer<StepRecord> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<StepRecord> listener) {
        listeners.remove(listener);
    }

    /** Who else is migrating this cluster right now, if anyone. */
    public Optional<String> lockHolder() {
        return lock.heldByOther();
    }

    /** The state of a phase, derived from its steps. */
    public StepState phaseState(Phase phase) {
        List<StepState> states = phase.steps().stream().map(s -> record(s.id()).state()).toList();
        if (states.contains(StepState.RUNNING)) {
            return StepState.RUNNING;
        }
        if (states.contains(StepState.FAILED)) {
            return StepState.FAILED;
        }
        if (states.stream().allMatch(s -> s == StepState.DONE)) {
            return StepState.DONE;
        }
        if (states.contains(StepState.BLOCKED)) {
            return StepState.BLOCKED;
        }
        if (states.stream().allMatch(s -> s == StepState.UNDONE)) {
            return StepState.UNDONE;
        }
        if (states.stream().anyMatch(s -> s == StepState.READY || s == StepState.DONE)) {
            return StepState.READY;
        }
        return StepState.NOT_STARTED;
    }

    /** Steps the journal shows as running although no console holds the lock: the console died mid-step. */
    public List<StepRecord> interrupted() {
        if (lock.heldByOther().isPresent()) {
            return List.of();
        }
        synchronized (this) {
            return state.steps().values().stream().filter(r -> r.state() == StepState.RUNNING).toList();
        }
    }

    /**
     * Re-checks steps found running at start: a step whose effect is present becomes DONE, any other FAILED with an
     * "interrupted" error, to be retried or undone by the user.
     */
    public List<InterruptedStep> resume(Progress progress) {
        List<StepRecord> found = interrupted();
        if (found.isEmpty()) {
            return List.of();
        }
        List<InterruptedStep> result = new ArrayList<>();
        try (MigrationLock.Held ignored = lock.acquire()) {
            for (StepRecord record : found) {
                progress.checkCancelled();
                MigrationStep step = require(record.stepId());
                progress.update("Re-checking \"" + step.title() + "\" (interrupted)", -1);
                boolean done;
                try {
                    done = step.isDone(context(step));
                } catch (Exception e) {
                    LOG.warn("Could not re-check interrupted step {}: {}", step.id(), e.getMessage());
                    done = false;
                }
                StepState now = done ? StepState.DONE : StepState.FAILED;
                String error = done ? null : "Interrupted: the console stopped while this step was running (started "
                        + record.startedAt() + " by " + record.by() + "). Retry it, or undo it.";
                save(record.finished(now, clock.instant(), error));
                result.add(new InterruptedStep(step.id(), step.title(), record.startedAt(), record.by(), now));
            }
        }
        return result;
    }

    /** Runs the step's read-only checks and journals READY or BLOCKED (when the step is not done, running or failed). */
    public List<PreflightCheck> preflight(String stepId) {
        MigrationStep step = require(stepId);
        List<PreflightCheck> checks = runPreflight(step, context(step));
        StepRecord record = record(stepId);
        boolean blocked = checks.stream().anyMatch(PreflightCheck::blocks);
        StepState next = blocked ? StepState.BLOCKED : StepState.READY;
        if (record.state() != next && switch (record.state()) {
            case NOT_STARTED, BLOCKED, READY, UNDONE -> true;
            default -> false;
        }) {
            saveQuietly(record.withState(next, clock.instant(), record.by()));
        }
        return checks;
    }

    /** What the step would change now; read-only. */
    public StepPlan plan(String stepId) {
        MigrationStep step = require(stepId);
        try {
            StepPlan plan = step.plan(context(step));
            if (!stepId.equals(plan.stepId())) {
                throw new IllegalStateException("Step " + stepId + " returned a plan for " + plan.stepId());
            }
            return plan;
        } catch (CancelledException | StepFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailedException(stepId, "Could not plan \"" + step.title() + "\": " + message(e), e);
        }
    }

    /** Whether the step's effect is already present; read-only. */
    public boolean isDone(String stepId) {
        MigrationStep step = require(stepId);
        try {
            return step.isDone(context(step));
        } catch (Exception e) {
            throw new StepFailedException(stepId, "Could not check whether \"" + step.title() + "\" is done: "
                    + message(e), e);
        }
    }

    /**
     * Preflight, then apply {@code approvedPlan} (the plan the user saw; {@code null} plans now), then verify.
     * A step that is already done is not applied again, only verified. Holds the lock throughout.
     *
     * @throws LockHeldException   when another console is migrating
     * @throws CancelledException  when cancelled (the step is journaled as failed: retry or undo)
     */
    public StepRun apply(String stepId, StepPlan approvedPlan, Progress progress) {
        MigrationStep step = require(stepId);
        try (MigrationLock.Held ignored = lock.acquire()) {
            StepContext context = context(step);
            progress.update(step.title() + ": preflight", -1);
            List<PreflightCheck> checks = runPreflight(step, context);
            if (checks.stream().anyMatch(PreflightCheck::blocks)) {
                StepRecord record = record(stepId);
                if (record.state() != StepState.DONE) {
                    save(record.withState(StepState.BLOCKED, clock.instant(), lock.identity()));
                }
                return new StepRun(stepId, StepRun.Outcome.BLOCKED, checks, approvedPlan, List.of(),
                        firstBlocking(checks));
            }
            progress.checkCancelled();
            if (step.isDone(context)) {
                StepRecord record = record(stepId);
                if (record.state() != StepState.DONE) {
                    save(record.finished(StepState.DONE, clock.instant(), null));
                }
                progress.log(step.title() + " is already done; verifying only.");
                return new StepRun(stepId, StepRun.Outcome.ALREADY_DONE, checks, approvedPlan,
                        verify(stepId, progress), null);
            }
            StepPlan plan = approvedPlan != null ? approvedPlan : step.plan(context);
            if (!stepId.equals(plan.stepId())) {
                throw new IllegalArgumentException("The plan given is for step " + plan.stepId() + ", not " + stepId);
            }
            save(record(stepId).started(clock.instant(), lock.identity(), touchedReleases(plan)));
            try {
                progress.update(step.title() + ": applying", -1);
                step.apply(context, plan, progress);
            } catch (CancelledException e) {
                save(record(stepId).finished(StepState.FAILED, clock.instant(),
                        "Cancelled by the user while applying. Retry the step, or undo it."));
                throw e;
            } catch (Exception e) {
                String error = message(e);
                LOG.warn("Step {} failed: {}", stepId, error);
                save(record(stepId).finished(StepState.FAILED, clock.instant(), error));
                return new StepRun(stepId, StepRun.Outcome.FAILED, checks, plan, List.of(), error);
            }
            save(record(stepId).finished(StepState.DONE, clock.instant(), null));
            return new StepRun(stepId, StepRun.Outcome.APPLIED, checks, plan, verify(stepId, progress), null);
        } catch (CancelledException | LockHeldException | MigrationJournal.JournalException e) {
            throw e;
        } catch (StepFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailedException(stepId, "\"" + step.title() + "\" could not start: " + message(e), e);
        }
    }

    /**
     * Applies every step of a phase in order (each planned right before it runs), stopping at the first step that is
     * blocked or fails.
     */
    public List<StepRun> applyPhase(int phaseNumber, Progress progress) {
        Phase phase = migration.phase(phaseNumber).orElseThrow(() -> new IllegalArgumentException(
                "There is no phase " + phaseNumber + "; phases: " + migration.phases().stream()
                        .map(p -> Integer.toString(p.number())).toList()));
        List<StepRun> runs = new ArrayList<>();
        for (MigrationStep step : phase.steps()) {
            progress.checkCancelled();
            StepRun run = apply(step.id(), null, progress);
            runs.add(run);
            if (!run.succeeded()) {
                break;
            }
        }
        return runs;
    }

    /** Observes the step's result; an exception becomes an UNVERIFIED check with the reason. Journals a summary. */
    public List<CheckResult> verify(String stepId, Progress progress) {
        MigrationStep step = require(stepId);
        List<CheckResult> results;
        try {
            results = List.copyOf(step.verify(context(step), progress));
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            results = List.of(CheckResult.unverified(stepId + ".verify", step.title(), message(e), List.of()));
        }
        if (results.isEmpty()) {
            results = List.of(CheckResult.unverified(stepId + ".verify", step.title(),
                    "the step reported no observations", List.of()));
        }
        lastVerification.put(stepId, results);
        List<String> lines = results.stream()
                .map(r -> r.verdict() + " " + r.title() + " — " + r.summary()).toList();
        saveQuietly(record(stepId).withEvidence(lines, worst(results), clock.instant()));
        return results;
    }

    /** Reverses the step. Holds the lock; journals running before and undone (or failed) after. */
    public void undo(String stepId, Progress progress) {
        MigrationStep step = require(stepId);
        try (MigrationLock.Held ignored = lock.acquire()) {
            StepContext context = context(step);
            save(record(stepId).started(clock.instant(), lock.identity(), record(stepId).releases()));
            try {
                progress.update("Undoing \"" + step.title() + "\"", -1);
                step.undo(context, progress);
            } catch (CancelledException e) {
                save(record(stepId).finished(StepState.FAILED, clock.instant(),
                        "Undo was cancelled part-way. Run undo again to finish it."));
                throw e;
            } catch (Exception e) {
                save(record(stepId).finished(StepState.FAILED, clock.instant(), "Undo failed: " + message(e)));
                throw new StepFailedException(stepId, "Undo of \"" + step.title() + "\" failed: " + message(e), e);
            }
            lastVerification.remove(stepId);
            save(record(stepId).withEvidence(List.of(), null, clock.instant())
                    .finished(StepState.UNDONE, clock.instant(), null));
        }
    }

    /**
     * Cleans up after a failed apply: ROLLBACK returns each Helm release the step touched to its previous revision
     * (uninstalls new ones), UNINSTALL runs the step's undo, KEEP leaves everything for inspection.
     */
    public void cleanUpFailure(String stepId, FailureCleanup choice, Progress progress) {
        StepRecord record = record(stepId);
        if (record.state() != StepState.FAILED) {
            throw new IllegalStateException("Step " + stepId + " has not failed (it is " + record.state().label()
                    + "); nothing to clean up.");
        }
        switch (choice) {
            case KEEP -> {
            }
            case UNINSTALL -> undo(stepId, progress);
            case ROLLBACK -> rollbackReleases(stepId, record, progress);
        }
    }

    private void rollbackReleases(String stepId, StepRecord record, Progress progress) {
        try (MigrationLock.Held ignored = lock.acquire()) {
            for (ReleaseTouch touch : record.releases()) {
                progress.checkCancelled();
                Optional<HelmRelease> installed = console.releases().get(touch.namespace(), touch.name());
                try {
                    if (touch.previousRevision() > 0) {
                        progress.update("Rolling back " + touch.namespace() + "/" + touch.name() + " to revision "
                                + touch.previousRevision(), -1);
                        console.releases().rollback(touch.namespace(), touch.name(), touch.previousRevision(),
                                progress);
                    } else if (installed.isPresent()) {
                        progress.update("Uninstalling " + touch.namespace() + "/" + touch.name()
                                + " (it was not installed before)", -1);
                        console.releases().uninstall(touch.namespace(), touch.name(), progress);
                    }
                } catch (Exception e) {
                    save(record(stepId).finished(StepState.FAILED, clock.instant(), "Rollback of "
                            + touch.namespace() + "/" + touch.name() + " failed: " + message(e)));
                    throw new StepFailedException(stepId, "Rollback of " + touch.namespace() + "/" + touch.name()
                            + " failed: " + message(e), e);
                }
            }
            save(record(stepId).finished(StepState.UNDONE, clock.instant(),
                    "Rolled back after the failure: " + record.lastError()));
        }
    }

    private List<PreflightCheck> runPreflight(MigrationStep step, StepContext context) {
        try {
            return List.copyOf(step.preflight(context));
        } catch (CancelledException e) {
            throw e;
        } catch (Exception e) {
            return List.of(PreflightCheck.blocking(step.id() + ".preflight", "Preflight of " + step.title(),
                    "The checks could not run: " + message(e),
                    "Check the connection to the cluster and run the preflight again."));
        }
    }

    /** The context a step runs with (read-only uses: export of its target state). */
    public StepContext contextFor(String stepId) {
        return context(migration.step(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId)));
    }

    private StepContext context(MigrationStep step) {
        return new StepContext(console, settings(), secrets, outputs, step.id());
    }

    private final StepOutputs outputs = new StepOutputs() {
        @Override
        public Optional<String> get(String stepId, String key) {
            synchronized (MigrationEngine.this) {
                StepRecord record = state.steps().get(stepId);
                return record == null ? Optional.empty() : Optional.ofNullable(record.outputs().get(key));
            }
        }

        @Override
        public void put(String stepId, String key, String value) {
            synchronized (MigrationEngine.this) {
                StepRecord record = record(stepId);
                Map<String, String> copy = new LinkedHashMap<>(record.outputs());
                copy.put(key, value);
                state = state.with(record.withOutputs(copy), clock.instant());
            }
        }
    };

    private List<ReleaseTouch> touchedReleases(StepPlan plan) {
        return plan.changes().stream()
                .filter(c -> c.kind() == ChangeKind.HELM_INSTALL || c.kind() == ChangeKind.HELM_UPGRADE)
                .map(c -> new ReleaseTouch(c.namespace(), c.name(), c.currentRevision()))
                .toList();
    }

    private void save(StepRecord record) {
        JournalState next;
        synchronized (this) {
            next = state.with(record, clock.instant());
            journal.save(next);
            state = next;
        }
        listeners.forEach(listener -> listener.accept(record));
    }

    /** For bookkeeping that is not a mutation (preflight state, evidence): a journal failure is logged, not fatal. */
    private void saveQuietly(StepRecord record) {
        try {
            save(record);
        } catch (MigrationJournal.JournalException e) {
            synchronized (this) {
                state = state.with(record, clock.instant());
            }
            LOG.warn("{}", e.getMessage());
            listeners.forEach(listener -> listener.accept(record));
        }
    }

    private MigrationStep require(String stepId) {
        return migration.step(stepId).orElseThrow(() -> new IllegalArgumentException("There is no step \"" + stepId
                + "\"; steps: " + migration.steps().stream().map(MigrationStep::id).toList()));
    }

    private static String firstBlocking(List<PreflightCheck> checks) {
        return checks.stream().filter(PreflightCheck::blocks).findFirst()
                .map(c -> c.title() + ": " + c.reason() + (c.fix().isEmpty() ? "" : " — " + c.fix())).orElse("");
    }

    private static Verdict worst(List<CheckResult> results) {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED)) {
            return Verdict.FAILED;
        }
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.UNVERIFIED)) {
            return Verdict.UNVERIFIED;
        }
        return Verdict.PASSED;
    }

    /** The exception's message with every known secret masked (it is journaled and shown). */
    private String message(Throwable e) {
        String text = e.getMessage();
        return SecretMasker.of(secrets).maskText(text == null || text.isBlank() ? e.getClass().getSimpleName() : text);
    }
}
