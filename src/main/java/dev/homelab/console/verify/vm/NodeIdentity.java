package dev.homelab.console.verify.vm;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A node as scrape targets and series refer to it: by name, InternalIP or hostname. Only node-level identities
 * count (kubelet and hostNetwork node-exporter targets are addressed by the node's IP), so a pod that merely runs
 * on a node does not make that node look scraped.
 */
public record NodeIdentity(String name, Set<String> addresses) {

    /** Labels that name the node on node-level series (VMNodeScrape's labelmap, static configs, node-exporter). */
    private static final String[] NODE_LABELS = {"node", "kubernetes_io_hostname", "nodename", "hostname"};

    public NodeIdentity {
        addresses = Set.copyOf(addresses);
    }

    public static NodeIdentity of(Node node) {
        Set<String> addresses = new LinkedHashSet<>();
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress address : node.getStatus().getAddresses()) {
                addresses.add(address.getAddress());
            }
        }
        return new NodeIdentity(node.getMetadata().getName(), addresses);
    }

    /** True when a target (its labels and discovered labels) is a node-level target of this node. */
    public boolean owns(ScrapeTarget target) {
        return matchesLabels(target.labels())
                || name.equals(target.discoveredLabels().get("__meta_kubernetes_node_name"))
                || isMe(host(target.discoveredLabels().get("__address__")));
    }

    /** True when the labels of a series ({@code up{...}}) name this node. */
    public boolean matchesLabels(Map<String, String> labels) {
        for (String label : NODE_LABELS) {
            if (name.equals(labels.get(label))) {
                return true;
            }
        }
        return isMe(host(labels.get("instance")));
    }

    private boolean isMe(String host) {
        return host != null && (host.equals(name) || addresses.contains(host));
    }

    static String host(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }
}
