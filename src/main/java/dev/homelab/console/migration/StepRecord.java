package dev.homelab.console.migration;

import dev.homelab.console.verify.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The journal entry of one step. Holds no secrets.
 *
 * @param evidence   one line per verification check: "PASSED title — summary"
 * @param verdict    the worst verdict of the last verification (null when never verified)
 * @param releases   Helm releases the last apply touched (for clean-up after a failure)
 * @param outputs    outputs for later steps ({@link StepContext#putOutput})
 */
public record StepRecord(String stepId, int phase, StepState state, Instant updatedAt, Instant startedAt,
                         Instant finishedAt, String lastError, List<String> evidence, Verdict verdict,
                         List<ReleaseTouch> releases, Map<String, String> outputs, String by) {

    public StepRecord {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        releases = releases == null ? List.of() : List.copyOf(releases);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public static StepRecord notStarted(String stepId, int phase) {
        return new StepRecord(stepId, phase, StepState.NOT_STARTED, null, null, null, null, List.of(), null,
                List.of(), Map.of(), null);
    }

    public StepRecord withState(StepState newState, Instant at, String holder) {
        return new StepRecord(stepId, phase, newState, at, startedAt, finishedAt, lastError, evidence, verdict,
                releases, outputs, holder);
    }

    public StepRecord started(Instant at, String holder, List<ReleaseTouch> touched) {
        return new StepRecord(stepId, phase, StepState.RUNNING, at, at, null, null, evidence, verdict, touched,
                outputs, holder);
    }

    public StepRecord finished(StepState newState, Instant at, String error) {
        return new StepRecord(stepId, phase, newState, at, startedAt, at, error, evidence, verdict, releases,
                outputs, by);
    }

    public StepRecord withEvidence(List<String> lines, Verdict worst, Instant at) {
        return new StepRecord(stepId, phase, state, at, startedAt, finishedAt, lastError, lines, worst, releases,
                outputs, by);
    }

    public StepRecord withOutputs(Map<String, String> newOutputs) {
        return new StepRecord(stepId, phase, state, updatedAt, startedAt, finishedAt, lastError, evidence, verdict,
                releases, newOutputs, by);
    }
}
