package dev.homelab.console.reboot.plan;

import java.time.Duration;

/**
 * What the user chose: the node (null = the proposed one), cordon or not, how long to wait for the node to return,
 * and whether they accept that the node's single-copy workloads are unavailable while it is down.
 */
public record RebootSettings(String node, boolean cordon, Duration timeout, boolean acceptDowntime) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public static RebootSettings defaults() {
        return new RebootSettings(null, true, DEFAULT_TIMEOUT, false);
    }

    public RebootSettings withNode(String chosen) {
        return new RebootSettings(chosen, cordon, timeout, acceptDowntime);
    }

    public RebootSettings withAcceptDowntime(boolean accept) {
        return new RebootSettings(node, cordon, timeout, accept);
    }
}
