package dev.homelab.console.migration;

import java.time.Instant;

/**
 * A step the journal showed as running when this console started: the console (or its machine) died mid-step.
 * After re-checking, it is either {@link StepState#DONE} (its effect is present) or {@link StepState#FAILED}, to be
 * retried or undone.
 */
public record InterruptedStep(String stepId, String title, Instant startedAt, String startedBy, StepState nowState) {
}
