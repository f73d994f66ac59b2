package dev.homelab.console.migration;

/** Where a step stands, as journaled. */
public enum StepState {
    NOT_STARTED("not started"),
    /** The last preflight found a blocking condition. */
    BLOCKED("blocked"),
    /** The last preflight passed; apply may run. */
    READY("ready"),
    /** Apply or undo is under way (found at start-up, it means the console died mid-step). */
    RUNNING("running"),
    DONE("done"),
    FAILED("failed"),
    UNDONE("undone");

    private final String label;

    StepState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
