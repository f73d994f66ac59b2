package dev.homelab.console.telemetry;

import dev.homelab.console.telemetry.MetricsServerClient.NodeReading;

import java.time.Instant;
import java.util.List;

/**
 * What one sampling round read for the nodes, for live displays such as the overview: every node metrics.k8s.io
 * reported, unchanged readings included (the history keeps only fresh ones), or — when {@code problem} is set —
 * why the round read nothing ("metrics.k8s.io is not served …"). {@code at} is this computer's clock.
 */
public record NodeUsageRound(Instant at, List<NodeReading> nodes, String problem) {

    public NodeUsageRound {
        nodes = List.copyOf(nodes);
    }

    public static NodeUsageRound failed(Instant at, String problem) {
        return new NodeUsageRound(at, List.of(), problem);
    }

    public boolean ok() {
        return problem == null;
    }
}
