package dev.homelab.console.cluster;

import java.time.Instant;
import java.util.Map;

/**
 * One round of node usage. {@code problem} is null when metrics.k8s.io answered, else what went wrong
 * ("metrics-server missing …") — the sample then has no nodes and the UI shows the problem instead of zeros.
 */
public record UsageSample(Instant at, Map<String, NodeUsage> nodes, String problem) {

    public UsageSample {
        nodes = Map.copyOf(nodes);
    }

    public boolean ok() {
        return problem == null;
    }
}
