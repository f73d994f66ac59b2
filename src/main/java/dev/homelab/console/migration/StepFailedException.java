package dev.homelab.console.migration;

/** A step's preflight, plan, apply or undo could not be carried out; the message says what, to what, and what to do. */
public final class StepFailedException extends RuntimeException {
    private final String stepId;

    public StepFailedException(String stepId, String message, Throwable cause) {
        super(message, cause);
        this.stepId = stepId;
    }

    public String stepId() {
        return stepId;
    }
}
