package dev.homelab.console.cli.migrate;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.Phase;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRecord;

import java.util.ArrayList;
import java.util.List;

/** One step as {@code migrate plan} reports it (JSON shape): its journal record, preflight and plan. */
record StepReport(String stepId, String title, int phase, String state, List<PreflightCheck> preflight,
                  StepPlan plan, String planError) {

    boolean blocked() {
        return preflight.stream().anyMatch(PreflightCheck::blocks) || planError != null;
    }

    static StepReport of(MigrationEngine engine, MigrationStep step) {
        List<PreflightCheck> checks = engine.preflight(step.id());
        StepRecord record = engine.record(step.id());
        StepPlan plan = null;
        String error = null;
        if (checks.stream().noneMatch(PreflightCheck::blocks)) {
            try {
                plan = engine.plan(step.id());
            } catch (StepFailedException e) {
                error = e.getMessage();
            }
        }
        return new StepReport(step.id(), step.title(), step.phase(), record.state().label(), checks, plan, error);
    }

    /** The steps named by --step, else by --phase, else all. */
    static List<MigrationStep> select(MigrationEngine engine, Integer phase, String stepId) {
        if (stepId != null) {
            return List.of(engine.migration().step(stepId).orElseThrow(() -> new IllegalArgumentException(
                    "There is no step \"" + stepId + "\"; steps: " + engine.migration().steps().stream()
                            .map(MigrationStep::id).toList())));
        }
        List<MigrationStep> steps = new ArrayList<>();
        for (Phase p : engine.migration().phases()) {
            if (phase == null || p.number() == phase) {
                steps.addAll(p.steps());
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("There is no phase " + phase + "; phases: " + engine.migration()
                    .phases().stream().map(Phase::number).toList());
        }
        return steps;
    }
}
