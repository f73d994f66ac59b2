package dev.homelab.console.sandbox.cluster;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler's decisions that matter for the lab: spread pods over Ready nodes, honour node selectors, and refuse
 * a node whose host port is taken ("didn't have free ports for the requested pod ports", the classic clash of two
 * node-exporters on 9100).
 */
public final class Placement {

    private final List<Node> nodes;
    private final Map<String, Integer> podsPerNode = new HashMap<>();
    private final Map<String, Set<Integer>> hostPortsPerNode = new HashMap<>();

    public Placement(List<Node> nodes, List<Pod> existingPods) {
        this.nodes = nodes;
        for (Pod pod : existingPods) {
            String node = pod.getSpec().getNodeName();
            if (node == null || isTerminal(pod)) {
                continue;
            }
            podsPerNode.merge(node, 1, Integer::sum);
            hostPortsPerNode.computeIfAbsent(node, n -> new HashSet<>()).addAll(hostPorts(pod));
        }
    }

    /** Where one pod of this workload goes, or why it cannot go anywhere. */
    public Decision place(WorkloadSpec spec, Optional<String> requiredNode) {
        int notSelected = 0;
        int portClash = 0;
        int notReady = 0;
        List<Node> fits = new ArrayList<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            if (requiredNode.isPresent() && !requiredNode.get().equals(name) || !selects(spec, node)) {
                notSelected++;
            } else if (!java.util.Collections.disjoint(hostPortsPerNode.getOrDefault(name, Set.of()), spec.hostPorts())) {
                portClash++;
            } else if (requiredNode.isEmpty() && (!NodeFactory.isReady(node) || unschedulable(node))) {
                notReady++;
            } else {
                fits.add(node);
            }
        }
        if (fits.isEmpty()) {
            return Decision.pending(message(nodes.size(), portClash, notSelected, notReady));
        }
        Node chosen = fits.stream()
                .min(Comparator.comparingInt((Node n) -> podsPerNode.getOrDefault(n.getMetadata().getName(), 0))
                        .thenComparing(n -> n.getMetadata().getName()))
                .orElseThrow();
        String name = chosen.getMetadata().getName();
        podsPerNode.merge(name, 1, Integer::sum);
        hostPortsPerNode.computeIfAbsent(name, n -> new HashSet<>()).addAll(spec.hostPorts());
        return Decision.on(chosen);
    }

    public List<Node> nodesFor(WorkloadSpec spec) {
        return nodes.stream().filter(n -> selects(spec, n)).toList();
    }

    private static boolean selects(WorkloadSpec spec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return spec.nodeSelector().entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    private static String message(int total, int portClash, int notSelected, int notReady) {
        List<String> reasons = new ArrayList<>();
        if (portClash > 0) {
            reasons.add(portClash + " node(s) didn't have free ports for the requested pod ports");
        }
        if (notSelected > 0) {
            reasons.add(notSelected + " node(s) didn't match Pod's node affinity/selector");
        }
        if (notReady > 0) {
            reasons.add(notReady + " node(s) had untolerated taint {node.kubernetes.io/unreachable: }");
        }
        return "0/" + total + " nodes are available: " + String.join(", ", reasons) + ". preemption: 0/" + total
                + " nodes are available: " + total + " Preemption is not helpful for scheduling.";
    }

    static List<Integer> hostPorts(Pod pod) {
        List<Integer> ports = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            if (c.getPorts() != null) {
                for (ContainerPort p : c.getPorts()) {
                    if (p.getHostPort() != null && p.getHostPort() > 0) {
                        ports.add(p.getHostPort());
                    }
                }
            }
        });
        return ports;
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** A node, or the scheduler's message for a pod that stays Pending. */
    public record Decision(Node node, String pendingMessage) {
        static Decision on(Node node) {
            return new Decision(node, null);
        }

        static Decision pending(String message) {
            return new Decision(null, message);
        }

        public boolean scheduled() {
            return node != null;
        }
    }
}
