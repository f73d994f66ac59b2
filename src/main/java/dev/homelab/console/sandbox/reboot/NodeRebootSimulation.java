package dev.homelab.console.sandbox.reboot;

import dev.homelab.console.sandbox.SandboxWorld;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What a kubelet and node controller would do when the console's reboot pod lands on a node: the node goes NotReady
 * (Unknown, with the unreachable taint) after a moment, comes back with a new boot ID, Ready again, and its pods
 * restart. Variants from the scenario's faults: {@code reboot-fast} (back before the node-monitor grace period, never
 * NotReady) and {@code reboot-never-returns}. Listeners hear when a node goes away and returns (the simulated
 * monitoring services use that to stop answering / scraping).
 */
public final class NodeRebootSimulation implements AutoCloseable {

    public static final String FAULT_FAST = "reboot-fast";
    public static final String FAULT_NEVER_RETURNS = "reboot-never-returns";
    private static final Logger LOG = LoggerFactory.getLogger(NodeRebootSimulation.class);
    private static final String REBOOT_POD_LABEL = "homelab-console-reboot";

    /** How long each part of the simulated reboot takes. */
    public record Timing(Duration untilDown, Duration down, Duration podsRestart) {
        public static Timing sandbox() {
            return new Timing(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(2));
        }
    }

    /** Told when a node's machine stops and when it runs again (not when Kubernetes notices). */
    public interface OutageListener {
        void nodeDown(String node, Instant at);

        void nodeUp(String node, Instant at);
    }

    private final SandboxWorld world;
    private final Timing timing;
    private final List<OutageListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> rebooting = ConcurrentHashMap.newKeySet();
    private Watch watch;

    public NodeRebootSimulation(SandboxWorld world, Timing timing) {
        this.world = world;
        this.timing = timing;
    }

    public void addListener(OutageListener listener) {
        listeners.add(listener);
    }

    public void start() {
        watch = world.kube().pods().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                var labels = pod.getMetadata().getLabels();
                if (action == Action.ADDED && labels != null
                        && REBOOT_POD_LABEL.equals(labels.get("app.kubernetes.io/name"))
                        && pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
                    String node = pod.getSpec().getNodeName();
                    if (rebooting.add(node)) {
                        world.scheduler().execute(() -> safely(() -> reboot(node)));
                    }
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                if (cause != null) {
                    LOG.warn("Reboot simulation lost its pod watch", cause);
                }
            }
        });
    }

    public boolean isRebooting(String node) {
        return rebooting.contains(node);
    }

    private void reboot(String node) {
        schedule(timing.untilDown(), () -> {
            Instant down = world.clock().instant();
            listeners.forEach(l -> l.nodeDown(node, down));
            if (!world.hasFault(FAULT_FAST)) {
                markNotReady(node);
            }
            if (world.hasFault(FAULT_NEVER_RETURNS)) {
                return;
            }
            schedule(timing.down(), () -> {
                Instant up = world.clock().instant();
                markBooted(node);
                listeners.forEach(l -> l.nodeUp(node, up));
                schedule(timing.podsRestart(), () -> {
                    restartPods(node);
                    rebooting.remove(node);
                });
            });
        });
    }

    private void markNotReady(String node) {
        String now = world.clock().instant().toString();
        world.kube().nodes().withName(node).editStatus(n -> new NodeBuilder(n).editStatus()
                .withConditions(ready(n, "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", now))
                .endStatus().build());
        world.kube().nodes().withName(node).edit(n -> new NodeBuilder(n).editOrNewSpec()
                .withTaints(withTaint(n, new Taint("NoExecute", "node.kubernetes.io/unreachable", now, null)))
                .endSpec().build());
        for (Pod pod : podsOn(node)) {
            setReady(pod, "False", now, false);
        }
        event(node, "NodeNotReady", "Node " + node + " status is now: NodeNotReady");
    }

    private void markBooted(String node) {
        String now = world.clock().instant().toString();
        world.kube().nodes().withName(node).editStatus(n -> new NodeBuilder(n).editStatus()
                .withConditions(ready(n, "True", "KubeletReady", "kubelet is posting ready status", now))
                .editOrNewNodeInfo().withBootID(UUID.randomUUID().toString()).endNodeInfo()
                .endStatus().build());
        world.kube().nodes().withName(node).edit(n -> new NodeBuilder(n).editOrNewSpec()
                .withTaints(withoutUnreachable(n)).endSpec().build());
        event(node, "Rebooted", "Node " + node + " has been rebooted, boot id changed");
        event(node, "NodeReady", "Node " + node + " status is now: NodeReady");
    }

    private void restartPods(String node) {
        String now = world.clock().instant().toString();
        for (Pod pod : podsOn(node)) {
            setReady(pod, "True", now, true);
        }
    }

    private List<Pod> podsOn(String node) {
        return world.kube().pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getMetadata().getLabels() == null
                        || !REBOOT_POD_LABEL.equals(p.getMetadata().getLabels().get("app.kubernetes.io/name")))
                .toList();
    }

    private void setReady(Pod pod, String status, String now, boolean restarted) {
        world.kube().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> {
                    PodBuilder builder = new PodBuilder(p);
                    List<PodCondition> conditions = new ArrayList<>();
                    if (p.getStatus() != null && p.getStatus().getConditions() != null) {
                        p.getStatus().getConditions().stream().filter(c -> !"Ready".equals(c.getType()))
                                .forEach(conditions::add);
                    }
                    conditions.add(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready")
                            .withStatus(status).withLastTransitionTime(now).build());
                    builder.editOrNewStatus().withPhase("Running").withConditions(conditions).endStatus();
                    if (restarted && p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                        builder.editStatus().withContainerStatuses(p.getStatus().getContainerStatuses().stream()
                                .map(c -> new io.fabric8.kubernetes.api.model.ContainerStatusBuilder(c)
                                        .withReady(true)
                                        .withRestartCount((c.getRestartCount() == null ? 0 : c.getRestartCount()) + 1)
                                        .withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                                        .build()).toList()).endStatus();
                    }
                    return builder.build();
                });
    }

    private void event(String node, String reason, String message) {
        Instant now = world.clock().instant();
        world.kube().v1().events().inNamespace("default").resource(new EventBuilder()
                .withNewMetadata().withName(node + "." + Long.toHexString(now.toEpochMilli()) + "." + reason.toLowerCase())
                .withNamespace("default").endMetadata()
                .withNewInvolvedObject().withKind("Node").withName(node).endInvolvedObject()
                .withReason(reason).withMessage(message).withType("Normal")
                .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString())
                .withNewSource().withComponent("kubelet").withHost(node).endSource()
                .build()).create();
    }

    private static List<NodeCondition> ready(Node node, String status, String reason, String message, String now) {
        List<NodeCondition> conditions = new ArrayList<>();
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            node.getStatus().getConditions().stream().filter(c -> !"Ready".equals(c.getType())).forEach(conditions::add);
        }
        conditions.add(new io.fabric8.kubernetes.api.model.NodeConditionBuilder().withType("Ready").withStatus(status)
                .withReason(reason).withMessage(message).withLastHeartbeatTime(now).withLastTransitionTime(now).build());
        return conditions;
    }

    private static List<Taint> withTaint(Node node, Taint taint) {
        List<Taint> taints = new ArrayList<>(withoutUnreachable(node));
        taints.add(taint);
        return taints;
    }

    private static List<Taint> withoutUnreachable(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return List.of();
        }
        return node.getSpec().getTaints().stream()
                .filter(t -> !"node.kubernetes.io/unreachable".equals(t.getKey())).toList();
    }

    private void schedule(Duration delay, Runnable action) {
        world.scheduler().schedule(() -> safely(action), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Reboot simulation step failed", e);
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
