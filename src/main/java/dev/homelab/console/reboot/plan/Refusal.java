package dev.homelab.console.reboot.plan;

/** Why the reboot test will not run, in words the user can act on. */
public record Refusal(Reason reason, String message) {

    public enum Reason {
        UNKNOWN_NODE,
        ONLY_CONTROL_PLANE,
        OTHER_NODE_NOT_READY,
        NODE_NOT_READY,
        TEST_RUNNING,
        DISRUPTION_BUDGET,
        DOWNTIME_NOT_ACCEPTED
    }
}
