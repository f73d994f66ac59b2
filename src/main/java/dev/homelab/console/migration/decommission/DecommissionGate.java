package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.JournalState;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepState;
import dev.homelab.console.verify.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Phase 5 removes the old stack, so it stays blocked until the new one has proven itself: Phases 2–4 verified,
 * VictoriaMetrics has held data long enough, every converted rule is loaded in vmalert, and a notification really
 * reached Pushover. Each condition says exactly what blocks.
 */
public final class DecommissionGate {

    public static final Duration DEFAULT_MINIMUM_HISTORY = Duration.ofHours(24);

    private DecommissionGate() {
    }

    /**
     * @param journal          the migration journal (states and verdicts of Phases 2–4)
     * @param stepsOfRequiredPhases the step ids of each phase that must be done and verified
     * @param rulesStepId      the step whose verification proves the converted rules are loaded
     * @param alertingStepId   the step whose verification proves Pushover delivery
     * @param oldestVmSample   the oldest sample VictoriaMetrics holds, when it could be asked
     */
    public static List<GateCondition> evaluate(JournalState journal, Map<Integer, List<String>> stepsOfRequiredPhases,
                                               String rulesStepId, String alertingStepId,
                                               Optional<Instant> oldestVmSample, Duration minimumHistory, Instant now) {
        List<GateCondition> conditions = new ArrayList<>();
        for (int phase : stepsOfRequiredPhases.keySet().stream().sorted().toList()) {
            List<StepRecord> steps = stepsOfRequiredPhases.get(phase).stream().map(id -> journal.step(id, phase))
                    .toList();
            List<String> open = steps.stream()
                    .filter(s -> s.state() != StepState.DONE || s.verdict() != Verdict.PASSED)
                    .map(s -> s.stepId() + " (" + describe(s) + ")").toList();
            boolean met = !steps.isEmpty() && open.isEmpty();
            conditions.add(new GateCondition("phase-" + phase, "Phase " + phase + " done and verified", met,
                    steps.isEmpty() ? "Phase " + phase + " has not run yet"
                            : met ? steps.size() + " steps done, every verification green"
                            : "not yet: " + String.join(", ", open)));
        }
        if (oldestVmSample.isEmpty()) {
            conditions.add(new GateCondition("history", "VictoriaMetrics has held data for " + hours(minimumHistory),
                    false, "could not ask VictoriaMetrics for its oldest sample"));
        } else {
            Duration held = Duration.between(oldestVmSample.get(), now);
            boolean met = held.compareTo(minimumHistory) >= 0;
            conditions.add(new GateCondition("history", "VictoriaMetrics has held data for " + hours(minimumHistory),
                    met, "oldest sample " + oldestVmSample.get() + ", " + hours(held) + " ago"
                    + (met ? "" : "; " + hours(minimumHistory.minus(held)) + " to go")));
        }
        conditions.add(verified(journal, rulesStepId, "rules", "All converted rules are loaded in vmalert"));
        conditions.add(verified(journal, alertingStepId, "alerting", "Alertmanager delivery to Pushover was proven"));
        return conditions;
    }

    public static boolean open(List<GateCondition> conditions) {
        return conditions.stream().allMatch(GateCondition::met);
    }

    private static GateCondition verified(JournalState journal, String stepId, String id, String title) {
        Optional<StepRecord> record = Optional.ofNullable(journal.steps().get(stepId));
        if (record.isEmpty()) {
            return new GateCondition(id, title, false, "step " + stepId + " has not run");
        }
        StepRecord step = record.get();
        boolean met = step.verdict() == Verdict.PASSED;
        String evidence = step.evidence().isEmpty() ? "" : ": " + String.join("; ", step.evidence());
        return new GateCondition(id, title, met, (met ? "verified" : describe(step)) + evidence);
    }

    private static String describe(StepRecord step) {
        if (step.state() != StepState.DONE) {
            return step.state().name().toLowerCase().replace('_', ' ');
        }
        return step.verdict() == null ? "done, never verified" : "verification " + step.verdict().name().toLowerCase();
    }

    private static String hours(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        return minutes >= 120 ? minutes / 60 + " h" : minutes + " min";
    }
}
