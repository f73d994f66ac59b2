package dev.homelab.console.migration;

import dev.homelab.console.verify.CheckResult;

import java.util.List;

/** The outcome of running one step through the engine. */
public record StepRun(String stepId, Outcome outcome, List<PreflightCheck> preflight, StepPlan plan,
                      List<CheckResult> verification, String error) {

    public enum Outcome {
        /** apply ran and returned. */
        APPLIED,
        /** isDone said the step's effect is already present; only verification ran. */
        ALREADY_DONE,
        /** A blocking preflight check stopped the step; nothing was changed. */
        BLOCKED,
        /** apply threw; {@link #error()} has the message (Helm's own for Helm failures). */
        FAILED
    }

    public StepRun {
        preflight = preflight == null ? List.of() : List.copyOf(preflight);
        verification = verification == null ? List.of() : List.copyOf(verification);
    }

    public boolean succeeded() {
        return outcome == Outcome.APPLIED || outcome == Outcome.ALREADY_DONE;
    }

    public boolean verifiedGreen() {
        return succeeded() && !verification.isEmpty() && verification.stream().allMatch(CheckResult::passed);
    }
}
