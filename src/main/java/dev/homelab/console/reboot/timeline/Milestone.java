package dev.homelab.console.reboot.timeline;

/** The steps of a node's reboot as observed, in the order they normally happen, plus notes and the failure state. */
public enum Milestone {
    REBOOT_REQUESTED("Reboot requested"),
    NODE_NOT_READY("Node NotReady"),
    BOOT_ID_CHANGED("Boot ID changed"),
    NODE_READY("Node Ready again"),
    AGENT_PODS_READY("Agent pods Ready again"),
    TARGETS_UP("Targets up again"),
    TIMED_OUT("Timed out"),
    NODE_EVENT("Kubernetes event"),
    NOTE("Note");

    private final String title;

    Milestone(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Happens at most once per test (events and notes can repeat). */
    public boolean once() {
        return this != NODE_EVENT && this != NOTE;
    }
}
