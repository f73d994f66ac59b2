package dev.homelab.console.migration;

import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;

import java.util.List;

/**
 * One visible, reversible unit of the migration ("Add the Helm repositories", "Install victoria-metrics-k8s-stack").
 * The {@link MigrationEngine} drives every step through the same life cycle:
 * <ol>
 *   <li>{@link #preflight} — read-only checks; any {@link PreflightCheck.Severity#BLOCKING} one stops apply;</li>
 *   <li>{@link #isDone} — already applied (re-run, resume after a crash): the engine skips apply and only verifies;</li>
 *   <li>{@link #plan} — exactly what will change, shown to the user before anything happens;</li>
 *   <li>{@link #apply} — performs the plan; must be safe to re-run after a partial run;</li>
 *   <li>{@link #verify} — observes the result in the real system; never PASSED without evidence;</li>
 *   <li>{@link #undo} — reverses what apply did.</li>
 * </ol>
 * Implementations hold no state between calls: everything they need comes from the {@link StepContext}, and what later
 * steps need from them goes into {@link StepContext#putOutput}. Implementations never import javafx.
 */
public interface MigrationStep {

    /** Stable id, used in the journal and on the command line ({@code --step helm-repositories}). */
    String id();

    /** What the user reads in the wizard ("Add the Helm repositories"). */
    String title();

    /** The phase this step belongs to (1..5). */
    int phase();

    /** Read-only checks. Throwing is allowed for unexpected failures; the engine turns it into a BLOCKING check. */
    List<PreflightCheck> preflight(StepContext context) throws Exception;

    /** True when the effect of {@link #apply} is already present in the cluster; read-only. */
    boolean isDone(StepContext context) throws Exception;

    /** What apply would change, with values masked and diffs against what is installed now; read-only. */
    StepPlan plan(StepContext context) throws Exception;

    /**
     * Performs {@code plan}. Reports with {@code progress}, calls {@link Progress#checkCancelled()} inside every wait,
     * bounds every wait. On an exception, the engine journals the failure and offers the clean-up of the plan's Helm
     * changes ({@link FailureCleanup}).
     */
    void apply(StepContext context, StepPlan plan, Progress progress) throws Exception;

    /** Observed facts after apply; UNVERIFIED with the reason when something cannot be observed. */
    List<CheckResult> verify(StepContext context, Progress progress) throws Exception;

    /** Reverses apply (and is a no-op when nothing of it is present). */
    void undo(StepContext context, Progress progress) throws Exception;

    /** One sentence shown before undo is confirmed: what undo will remove or restore. */
    default String undoDescription() {
        return "Reverses what \"" + title() + "\" changed.";
    }
}
