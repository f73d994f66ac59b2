package dev.homelab.console.reboot.timeline;

import dev.homelab.console.reboot.plan.ClusterSurvey;
import dev.homelab.console.reboot.plan.MonitoringComponent;
import dev.homelab.console.reboot.run.RebootNamespace;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns watches on the node, the pods on it and its events into timeline milestones — no polling. Ready → NotReady
 * is recorded if seen (a fast Pi can reboot within the node-monitor grace period and never show it); the new boot ID
 * is the authoritative proof of a reboot; "Ready again" needs either of them first, so the Ready state from before
 * the reboot never counts.
 */
public final class NodeRebootWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRebootWatcher.class);

    private final KubernetesClient kube;
    private final String node;
    private final String bootIdBefore;
    private final Instant requestedAt;
    private final RebootTimeline timeline;
    private final Clock clock;
    private final Map<String, Pod> podsOnNode = new ConcurrentHashMap<>();
    private final List<Watch> watches = new ArrayList<>();
    private volatile String lastReadyStatus = "";
    private volatile String lastBootId = "";

    public NodeRebootWatcher(KubernetesClient kube, String node, String bootIdBefore, Instant requestedAt,
                             RebootTimeline timeline, Clock clock) {
        this.kube = kube;
        this.node = node;
        this.bootIdBefore = bootIdBefore;
        this.requestedAt = requestedAt;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void start() {
        watches.add(kube.nodes().withName(node).watch(new Handler<>(this::onNode)));
        watches.add(kube.pods().inAnyNamespace().watch(new Handler<>(this::onPod)));
        watches.add(kube.v1().events().inAnyNamespace().watch(new Handler<>(this::onEvent)));
        Node current = kube.nodes().withName(node).get();
        if (current != null) {
            onNode(Watcher.Action.MODIFIED, current);
        }
        for (Pod pod : kube.pods().inAnyNamespace().list().getItems()) {
            onPod(Watcher.Action.ADDED, pod);
        }
    }

    /** A one-line description of where the node stands, for the timeout message. */
    public String lastSeenState() {
        return "Ready=" + (lastReadyStatus.isEmpty() ? "unknown" : lastReadyStatus) + ", boot ID "
                + (lastBootId.equals(bootIdBefore) ? "unchanged (" + bootIdBefore + ")" : lastBootId);
    }

    private void onNode(Watcher.Action action, Node current) {
        if (action == Watcher.Action.DELETED) {
            timeline.record(Milestone.NOTE, clock.instant(), "Node object " + node + " was deleted from the cluster");
            return;
        }
        String ready = ClusterSurvey.readyCondition(current).map(c -> c.getStatus()).orElse("Unknown");
        String bootId = ClusterSurvey.bootId(current);
        lastReadyStatus = ready;
        lastBootId = bootId;
        Instant now = clock.instant();
        if (!"True".equals(ready)) {
            String reason = ClusterSurvey.readyCondition(current).map(c -> c.getReason() + ": " + c.getMessage())
                    .orElse("no Ready condition");
            timeline.record(Milestone.NODE_NOT_READY, now, "Ready=" + ready + " (" + reason + ")");
        }
        if (!bootId.isEmpty() && !bootId.equals(bootIdBefore)) {
            timeline.record(Milestone.BOOT_ID_CHANGED, now, bootIdBefore + " → " + bootId);
        }
        boolean cycled = timeline.has(Milestone.NODE_NOT_READY) || timeline.has(Milestone.BOOT_ID_CHANGED);
        if ("True".equals(ready) && cycled) {
            String how = timeline.has(Milestone.NODE_NOT_READY) ? "after NotReady"
                    : "NotReady was never observed (fast reboot); the new boot ID proves the reboot";
            timeline.record(Milestone.NODE_READY, now, how);
        }
        evaluateAgents();
    }

    private void onPod(Watcher.Action action, Pod pod) {
        if (pod.getSpec() == null || !node.equals(pod.getSpec().getNodeName()) || !isAgent(pod)) {
            return;
        }
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (action == Watcher.Action.DELETED) {
            podsOnNode.remove(key);
        } else {
            podsOnNode.put(key, pod);
        }
        evaluateAgents();
    }

    private void onEvent(Watcher.Action action, Event event) {
        if (action != Watcher.Action.ADDED || event.getInvolvedObject() == null
                || !"Node".equals(event.getInvolvedObject().getKind())
                || !node.equals(event.getInvolvedObject().getName())) {
            return;
        }
        Instant at = eventTime(event);
        if (at != null && at.isBefore(requestedAt)) {
            return;
        }
        timeline.record(Milestone.NODE_EVENT, clock.instant(), event.getReason() + ": "
                + (event.getMessage() == null ? "" : event.getMessage()));
    }

    /** Every agent pod on the node is Ready, and became Ready (or started) after the reboot was requested. */
    private synchronized void evaluateAgents() {
        if (!timeline.has(Milestone.NODE_READY) || timeline.has(Milestone.AGENT_PODS_READY)) {
            return;
        }
        if (podsOnNode.isEmpty()) {
            timeline.record(Milestone.AGENT_PODS_READY, clock.instant(), "no agent pods run on " + node);
            return;
        }
        for (Pod pod : podsOnNode.values()) {
            if (!readyAfterRequest(pod)) {
                return;
            }
        }
        timeline.record(Milestone.AGENT_PODS_READY, clock.instant(), String.join(", ", podsOnNode.keySet().stream()
                .sorted().toList()));
    }

    private boolean readyAfterRequest(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        PodCondition ready = pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .findFirst().orElse(null);
        if (ready == null || !"True".equals(ready.getStatus())) {
            return false;
        }
        if (ready.getLastTransitionTime() != null && !parse(ready.getLastTransitionTime()).isBefore(requestedAt)) {
            return true;
        }
        return pod.getStatus().getContainerStatuses() != null && pod.getStatus().getContainerStatuses().stream()
                .anyMatch(c -> c.getState() != null && c.getState().getRunning() != null
                        && c.getState().getRunning().getStartedAt() != null
                        && !parse(c.getState().getRunning().getStartedAt()).isBefore(requestedAt));
    }

    static boolean isAgent(Pod pod) {
        if (RebootNamespace.NAME.equals(pod.getMetadata().getNamespace())) {
            return false;
        }
        return ClusterSurvey.isDaemonSetPod(pod) || MonitoringComponent.of(pod)
                .map(c -> c == MonitoringComponent.VMAGENT || c == MonitoringComponent.VECTOR
                        || c == MonitoringComponent.NODE_EXPORTER).orElse(false);
    }

    private static Instant eventTime(Event event) {
        if (event.getLastTimestamp() != null) {
            return parse(event.getLastTimestamp());
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return parse(event.getEventTime().getTime());
        }
        return null;
    }

    private static Instant parse(String timestamp) {
        try {
            return ZonedDateTime.parse(timestamp).toInstant();
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }

    private final class Handler<T> implements Watcher<T> {
        private final java.util.function.BiConsumer<Action, T> consumer;

        Handler(java.util.function.BiConsumer<Action, T> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void eventReceived(Action action, T resource) {
            try {
                consumer.accept(action, resource);
            } catch (RuntimeException e) {
                LOG.warn("Could not process a watch event for node {}", node, e);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            if (cause != null) {
                timeline.record(Milestone.NOTE, clock.instant(), "A watch closed: " + cause.getMessage());
            }
        }
    }
}
