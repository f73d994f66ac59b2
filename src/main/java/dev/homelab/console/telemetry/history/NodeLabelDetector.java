package dev.homelab.console.telemetry.history;

import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks at the label sets a database actually holds for a metric and finds the label that names the node —
 * {@code node}, {@code kubernetes_node}, {@code nodename} or {@code instance} (a node name, or IP:port mapped
 * through the nodes' InternalIPs) — instead of assuming one. Mismatched labels are the usual reason for empty node
 * charts on k3s.
 */
public final class NodeLabelDetector {

    static final List<String> CANDIDATES = List.of("node", "kubernetes_node", "nodename", "instance");

    private NodeLabelDetector() {
    }

    /**
     * @param nodeIps node name → InternalIP of the cluster's nodes
     */
    public static Optional<NodeLabel> detect(PromApiClient client, String match, Instant start, Instant end,
                                             Map<String, String> nodeIps) throws PromApiException {
        return detect(client.series(match, start, end), nodeIps);
    }

    static Optional<NodeLabel> detect(List<Map<String, String>> labelSets, Map<String, String> nodeIps) {
        Map<String, String> ipToNode = new HashMap<>();
        nodeIps.forEach((node, ip) -> ipToNode.put(ip, node));
        for (String label : CANDIDATES) {
            Map<String, String> mapping = new HashMap<>();
            String how = "";
            for (Map<String, String> labels : labelSets) {
                String value = labels.get(label);
                if (value == null) {
                    continue;
                }
                String host = stripPort(value);
                if (nodeIps.containsKey(value) || nodeIps.containsKey(host)) {
                    mapping.put(value, nodeIps.containsKey(value) ? value : host);
                    how = label + " holds the node name";
                } else if (ipToNode.containsKey(host)) {
                    mapping.put(value, ipToNode.get(host));
                    how = label + " holds the node's InternalIP:port";
                }
            }
            if (!mapping.isEmpty()) {
                return Optional.of(new NodeLabel(label, mapping, how));
            }
        }
        return Optional.empty();
    }

    private static String stripPort(String value) {
        int colon = value.lastIndexOf(':');
        return colon > 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }
}
