package dev.homelab.console.telemetry.history;

import java.util.Map;

/**
 * Which label of a series names the node, and how its values map to node names: {@code node="pi-worker-1"} maps
 * to itself; {@code instance="10.0.0.12:9100"} maps through the node's InternalIP.
 */
public record NodeLabel(String label, Map<String, String> valueToNode, String how) {

    public NodeLabel {
        valueToNode = Map.copyOf(valueToNode);
    }
}
