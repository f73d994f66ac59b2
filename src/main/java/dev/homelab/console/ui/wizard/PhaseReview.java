package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepState;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Preflight and plans of the steps under review (a phase, or one step), read before anything is applied. A later
 * step of a phase often needs what an earlier one creates (the Alertmanager install needs the Pushover Secret); its
 * check names that earlier step in its reason or fix. Such a step is not a block: it is shown as waiting and is
 * planned again right before it runs, as the engine does. Any other blocking check stops the review.
 *
 * @param deferred the steps that wait for an earlier step of the review
 * @param blockedAt the step whose checks stop the review, when one does
 */
record PhaseReview(List<PreflightCheck> checks, List<StepPlan> plans, Set<String> deferred,
                   java.util.Optional<MigrationStep> blockedAt) {

    /** Every step is planned or waits for an earlier one: the reviewed steps may be applied. */
    boolean complete() {
        return blockedAt.isEmpty();
    }

    static PhaseReview of(MigrationEngine engine, List<MigrationStep> steps) {
        List<PreflightCheck> checks = new ArrayList<>();
        List<StepPlan> plans = new ArrayList<>();
        Set<String> deferred = new LinkedHashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            MigrationStep step = steps.get(i);
            List<PreflightCheck> stepChecks = engine.preflight(step.id());
            if (stepChecks.stream().noneMatch(PreflightCheck::blocks)) {
                checks.addAll(stepChecks);
                plans.add(engine.plan(step.id()));
                continue;
            }
            List<MigrationStep> toRunBefore = steps.subList(0, i).stream()
                    .filter(earlier -> engine.record(earlier.id()).state() != StepState.DONE).toList();
            boolean waits = stepChecks.stream().filter(PreflightCheck::blocks)
                    .allMatch(check -> waitsFor(check, toRunBefore));
            if (!waits) {
                checks.addAll(stepChecks);
                return new PhaseReview(checks, plans, deferred, java.util.Optional.of(step));
            }
            stepChecks.stream().map(check -> check.blocks() ? PreflightCheck.warning(check.id(), check.title(),
                    "not yet: " + check.reason(), "done by an earlier step of this phase; checked again right "
                            + "before \"" + step.title() + "\" runs") : check).forEach(checks::add);
            plans.add(new StepPlan(step.id(), "Planned right before it runs, once the earlier steps of this phase "
                    + "have made what it needs", List.of(), List.of()));
            deferred.add(step.id());
        }
        return new PhaseReview(checks, plans, deferred, java.util.Optional.empty());
    }

    /** The check names one of the steps that will run before it (by title or id, as the steps' fixes do). */
    static boolean waitsFor(PreflightCheck check, List<MigrationStep> earlier) {
        String text = check.reason() + " " + check.fix();
        return earlier.stream().anyMatch(step -> text.contains(step.title()) || text.contains("\"" + step.id() + "\""));
    }
}
