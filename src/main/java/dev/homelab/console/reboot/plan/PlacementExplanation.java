package dev.homelab.console.reboot.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Puts into words what runs on a node and what rebooting it will (and will not) prove. */
final class PlacementExplanation {

    private PlacementExplanation() {
    }

    static List<String> explain(NodeProfile node, List<NodeProfile> all) {
        List<String> lines = new ArrayList<>();
        String hosted = node.monitoring().stream()
                .map(p -> p.component().displayName() + " (" + p.namespace() + "/" + p.name()
                        + (p.daemonSet() ? ", one per node" : "") + ")")
                .collect(Collectors.joining(", "));
        lines.add(node.name() + (node.controlPlane() ? " (control plane)" : " (worker)") + " runs: "
                + (hosted.isEmpty() ? "no monitoring component" : hosted) + ".");
        for (PinnedVolume volume : node.pinnedVolumes()) {
            lines.add("Volume " + volume.namespace() + "/" + volume.claim() + " of pod " + volume.pod() + " is pinned to "
                    + node.name() + (volume.storageClass().isEmpty() ? "" : " (" + volume.storageClass() + ")")
                    + ": the pod cannot move and is unavailable until the node is back.");
        }
        boolean storage = node.hostsSingle(MonitoringComponent.VMSINGLE);
        boolean agent = node.hostsSingle(MonitoringComponent.VMAGENT);
        if (storage && !agent) {
            lines.add("vmsingle goes down while vmagent keeps scraping on " + where(all, MonitoringComponent.VMAGENT)
                    + ": its disk queue must hold the samples and deliver them after the reboot — this tests "
                    + "metrics buffering.");
        } else if (agent) {
            lines.add("vmagent itself runs here: while the node is down nothing is scraped anywhere, so every target "
                    + "gets a gap and the buffer is not exercised. Pick a node without vmagent (or pin vmagent "
                    + "elsewhere) to test buffering.");
        } else {
            lines.add("vmsingle runs on " + where(all, MonitoringComponent.VMSINGLE) + ": the storage stays up, so "
                    + "vmagent's queue is not exercised; the test proves recovery and that other nodes have no gaps.");
        }
        if (node.hostsSingle(MonitoringComponent.LOKI)) {
            lines.add("Loki goes down while Vector keeps running on the other nodes: Vector's disk buffer must hold "
                    + "their logs — this tests logs buffering.");
        } else {
            lines.add("Loki runs on " + where(all, MonitoringComponent.LOKI) + ": log buffering is not exercised.");
        }
        lines.add("The node's own targets (node-exporter, kubelet) and logs have an unavoidable gap while it is down: "
                + "nothing runs there to produce them.");
        return lines;
    }

    static String proposalReason(NodeProfile node) {
        boolean storage = node.hostsSingle(MonitoringComponent.VMSINGLE);
        boolean loki = node.hostsSingle(MonitoringComponent.LOKI);
        if (storage && loki && !node.hostsSingle(MonitoringComponent.VMAGENT)) {
            return node.name() + " hosts vmsingle and Loki but not vmagent: rebooting it tests both buffers.";
        }
        if (storage && !node.hostsSingle(MonitoringComponent.VMAGENT)) {
            return node.name() + " hosts vmsingle but not vmagent: rebooting it tests vmagent's disk buffer.";
        }
        if (loki) {
            return node.name() + " hosts Loki: rebooting it tests Vector's buffer.";
        }
        return node.name() + " is a worker without the metrics agent: rebooting it tests recovery and "
                + "that no other node loses data.";
    }

    private static String where(List<NodeProfile> all, MonitoringComponent component) {
        String nodes = all.stream().filter(n -> n.hosts(component)).map(NodeProfile::name)
                .collect(Collectors.joining(", "));
        return nodes.isEmpty() ? "no node (not found)" : nodes;
    }
}
