package dev.homelab.console.sandbox;

import dev.homelab.console.sandbox.cluster.NodeFactory;
import dev.homelab.console.sandbox.cluster.PodLifecycle;
import dev.homelab.console.sandbox.scenario.Timing;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Simulated node power: a rebooting node stops being scraped at once, turns NotReady (Unknown, unreachable taints,
 * its pods not Ready) when the node controller notices after {@code notReadyAfter} — a fast reboot may come back
 * before that and never show NotReady — and returns after {@code rebootDuration} with a new boot ID, after which
 * its pods' containers restart (restartCount + 1). Nodes the scenario marks as never returning stay away.
 */
final class NodeSimulator implements NodeControl {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);

    private final LabWorld world;
    private final Set<String> away = ConcurrentHashMap.newKeySet();
    private final List<PowerListener> listeners = new CopyOnWriteArrayList<>();

    NodeSimulator(LabWorld world) {
        this.world = world;
        world.scenario().faults().notReadyNodes().forEach(away::add);
    }

    @Override
    public void reboot(String node) {
        requireNode(node);
        if (!away.add(node)) {
            LOG.debug("Node {} is already down; reboot ignored", node);
            return;
        }
        Timing timing = world.scenario().timing();
        Duration downFor = world.scenario().faults().slowRebootDuration().orElse(timing.rebootDuration());
        boolean returns = !world.scenario().faults().nodesNeverReturning().contains(node);
        event(node, "Rebooted", "Node " + node + " is rebooting", "Warning");
        notifyDown(node);
        if (downFor.compareTo(timing.notReadyAfter()) > 0 || !returns) {
            schedule(() -> markUnreachable(node), timing.notReadyAfter());
        }
        if (returns) {
            schedule(() -> bringBack(node), downFor);
        }
    }

    @Override
    public void powerOff(String node) {
        requireNode(node);
        if (away.add(node)) {
            event(node, "NodeShutdown", "Node " + node + " is powering off", "Warning");
            notifyDown(node);
            schedule(() -> markUnreachable(node), world.scenario().timing().notReadyAfter());
        }
    }

    @Override
    public void powerOn(String node) {
        requireNode(node);
        if (away.contains(node)) {
            schedule(() -> bringBack(node), Duration.ZERO);
        }
    }

    @Override
    public void addListener(PowerListener listener) {
        listeners.add(listener);
    }

    private void notifyDown(String node) {
        Instant at = world.clock().instant();
        listeners.forEach(l -> l.nodeDown(node, at));
    }

    @Override
    public boolean isUp(String node) {
        return !away.contains(node);
    }

    @Override
    public Optional<String> bootId(String node) {
        Node current = world.kube().nodes().withName(node).get();
        return current == null ? Optional.empty() : Optional.of(current.getStatus().getNodeInfo().getBootID());
    }

    /** The node controller's view after the grace period: Unknown, unreachable taints, its pods not Ready. */
    private void markUnreachable(String node) {
        if (!away.contains(node)) {
            return;
        }
        KubernetesClient kube = world.kube();
        Instant now = world.clock().instant();
        kube.nodes().withName(node).editStatus(n -> {
            n.getStatus().setConditions(NodeFactory.conditions(false, now));
            return n;
        });
        kube.nodes().withName(node).edit(n -> {
            n.getSpec().setTaints(NodeFactory.unreachableTaints(now));
            return n;
        });
        event(node, "NodeNotReady", "Node " + node + " status is now: NodeNotReady", "Normal");
        for (Pod pod : podsOn(node)) {
            world.pods().markNotReady(pod);
        }
    }

    /** The kubelet is back: new boot ID, Ready, and it restarts every container on the node. */
    private void bringBack(String node) {
        KubernetesClient kube = world.kube();
        Instant now = world.clock().instant();
        kube.nodes().withName(node).edit(n -> {
            n.getSpec().setTaints(List.of());
            return n;
        });
        kube.nodes().withName(node).editStatus(n -> {
            n.getStatus().setConditions(NodeFactory.conditions(true, now));
            n.getStatus().getNodeInfo().setBootID(UUID.randomUUID().toString());
            return n;
        });
        away.remove(node);
        Instant up = world.clock().instant();
        listeners.forEach(l -> l.nodeUp(node, up));
        event(node, "Starting", "Starting kubelet.", "Normal");
        event(node, "NodeReady", "Node " + node + " status is now: NodeReady", "Normal");
        Duration startup = world.scenario().timing().podStartup();
        List<Pod> pods = podsOn(node);
        for (int i = 0; i < pods.size(); i++) {
            Pod pod = pods.get(i);
            if ("Never".equals(pod.getSpec().getRestartPolicy())) {
                markKilled(pod);
                continue;
            }
            int restarts = PodLifecycle.restartCount(pod) + 1;
            world.pods().markNotReady(pod);
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            schedule(() -> world.pods().markReady(ns, name, restarts), startup.multipliedBy(10 + 2L * i).dividedBy(10));
        }
        LOG.info("Sandbox node {} is back (new boot ID)", node);
    }

    /** A run-once pod (the reboot helper) whose container the shutdown killed. */
    private void markKilled(Pod pod) {
        String now = world.clock().instant().toString();
        pod.setStatus(new PodStatusBuilder(pod.getStatus()).withPhase("Failed")
                .withContainerStatuses(pod.getSpec().getContainers().stream().map(c ->
                        new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(c.getName())
                                .withImage(c.getImage()).withReady(false).withRestartCount(0).withNewState()
                                .withNewTerminated().withExitCode(137).withReason("Error").withFinishedAt(now)
                                .endTerminated().endState().build()).toList())
                .build());
        world.kube().resource(pod).updateStatus();
    }

    private List<Pod> podsOn(String node) {
        return world.kube().pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getStatus() == null || !"Failed".equals(p.getStatus().getPhase()))
                .toList();
    }

    private void event(String node, String reason, String message, String type) {
        String now = world.clock().instant().toString();
        try {
            world.kube().v1().events().inNamespace("default").resource(new EventBuilder()
                    .withNewMetadata().withName(node + "." + Long.toHexString(System.nanoTime())).endMetadata()
                    .withNewInvolvedObject().withKind("Node").withName(node).withUid(node).endInvolvedObject()
                    .withReason(reason).withMessage(message).withType(type).withCount(1)
                    .withFirstTimestamp(now).withLastTimestamp(now)
                    .withNewSource().withComponent("kubelet").withHost(node).endSource().build()).create();
        } catch (RuntimeException e) {
            LOG.debug("Could not record event {} for {}: {}", reason, node, e.getMessage());
        }
    }

    /** Steps run one at a time: the node controller and the kubelet never edit the same node concurrently here. */
    private void schedule(Runnable step, Duration delay) {
        world.scheduler().schedule(() -> {
            try {
                synchronized (this) {
                    step.run();
                }
            } catch (RuntimeException e) {
                if (world.scheduler().isShutdown()) {
                    LOG.debug("Node simulation step stopped with the sandbox: {}", e.getMessage());
                } else {
                    LOG.warn("Sandbox node simulation step failed", e);
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void requireNode(String node) {
        if (world.scenario().node(node).isEmpty()) {
            throw new IllegalArgumentException("There is no node '" + node + "' in the sandbox");
        }
    }
}
