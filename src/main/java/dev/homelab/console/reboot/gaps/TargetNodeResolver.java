package dev.homelab.console.reboot.gaps;

import java.util.Map;

/**
 * Attributes a scrape target to a node: by its {@code node} / {@code kubernetes_node} / {@code nodename} label, else by
 * the host of {@code instance} matching a node's name or one of its addresses.
 */
public final class TargetNodeResolver {

    private final Map<String, String> nodeByAddress;

    /** @param nodeByAddress node name or IP address → node name (include every node's own name). */
    public TargetNodeResolver(Map<String, String> nodeByAddress) {
        this.nodeByAddress = Map.copyOf(nodeByAddress);
    }

    public String nodeOf(Map<String, String> labels) {
        for (String key : new String[]{"node", "kubernetes_node", "nodename"}) {
            String value = labels.get(key);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        String host = hostOf(labels.getOrDefault("instance", ""));
        return nodeByAddress.getOrDefault(host, "");
    }

    public static String hostOf(String instance) {
        String rest = instance.replaceFirst("^[a-z]+://", "");
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close > 0 ? rest.substring(1, close) : rest;
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        int colon = rest.lastIndexOf(':');
        return colon >= 0 ? rest.substring(0, colon) : rest;
    }
}
