package dev.homelab.console.reboot.verdict;

/** The claims a reboot test proves or disproves, each with its own verdict. */
public enum Claim {
    NODE_RECOVERED("node-recovered", "Node recovered"),
    METRICS_BUFFERED("metrics-buffered", "Metrics buffered"),
    METRICS_COMPLETE("metrics-complete", "Metrics complete"),
    LOGS_BUFFERED("logs-buffered", "Logs buffered"),
    LOGS_COMPLETE("logs-complete", "Logs complete"),
    ALERTS_FIRED_AND_RESOLVED("alerts-fired-resolved", "Alerts fired and resolved");

    private final String id;
    private final String title;

    Claim(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }
}
