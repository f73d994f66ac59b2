package dev.homelab.console.sandbox.loki;

import dev.homelab.console.stack.vector.LokiLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The streams the simulated Loki holds, derived from the mock cluster: one per container of every pod, plus the
 * journald units (k3s.service or k3s-agent.service, and the kernel) of every node. A line exists only if its node was
 * up when it was written (a node that is down writes nothing, ever) and a log agent (Alloy, Vector, Promtail) shipped
 * it: lines written while a node had no agent appear once an agent runs there again, as a real agent catches up from
 * the kubelet's log files and the journal. Refreshed from the cluster every couple of seconds.
 * <p>
 * The labels depend on the agent that shipped a line: the streams of the old agents (Alloy, Promtail) carry Alloy-style
 * labels and end once no pod of those agents is left in the cluster (Alloy removed); on a node where Vector runs, the
 * same lines also arrive under the labels {@code stack.vector.VectorAgentConfig} gives them (job=kubernetes-pods,
 * and for the journal namespace=host, pod=unit, container=identifier, app=job=journald), from when Vector started there.
 */
final class StreamCatalog {

    static final Duration HISTORY = Duration.ofDays(7);
    private static final String PROFILE = "sandbox.homelab.dev/profile";
    private static final String VECTOR = "vector:";
    private static final List<String> AGENTS = List.of("alloy", "vector", "promtail", "fluent-bit");

    private final KubernetesClient kube;
    private final java.util.function.Predicate<String> nodePowered;
    private final long startNanos;
    private final Map<String, SimStream> streams = new HashMap<>();
    private final Map<String, Intervals> nodeDown = new HashMap<>();
    private final Map<String, Intervals> nodeUnshipped = new HashMap<>();
    private final Map<String, Boolean> agentNow = new HashMap<>();
    private volatile List<SimStream> snapshot = List.of();
    private boolean first = true;
    private boolean legacyAgentSeen;

    /** {@code nodePowered} says whether a node is up right now (the sandbox's node control knows before the API). */
    StreamCatalog(KubernetesClient kube, Instant start, java.util.function.Predicate<String> nodePowered) {
        this.kube = kube;
        this.nodePowered = nodePowered;
        this.startNanos = nanos(start);
    }

    List<SimStream> streams() {
        return snapshot;
    }

    /** Whether the line of {@code stream} at {@code t} is in Loki now. */
    synchronized boolean visible(SimStream stream, long t) {
        if (t < stream.fromNanos() || t >= stream.untilNanos()) {
            return false;
        }
        Intervals down = nodeDown.get(stream.node());
        if (down != null && down.contains(t)) {
            return false;
        }
        Intervals unshipped = nodeUnshipped.get(stream.node());
        return unshipped == null || !unshipped.contains(t) || agentNow.getOrDefault(stream.node(), false);
    }

    synchronized void refresh(Instant now) {
        long nowNanos = nanos(now);
        long historyStart = startNanos - HISTORY.toNanos();
        Map<String, Boolean> agents = new HashMap<>();
        Map<String, Boolean> vectorNodes = new HashMap<>();
        boolean legacyAgentNow = false;
        List<Pod> pods = kube.pods().inAnyNamespace().list().getItems();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            boolean agent = isAgent(pod);
            legacyAgentNow |= agent && !isVector(pod);
            if (node != null && agent && "Running".equals(phase(pod))) {
                agents.put(node, true);
                if (isVector(pod)) {
                    vectorNodes.put(node, true);
                }
            }
        }
        legacyAgentSeen |= legacyAgentNow;
        boolean legacyRemoved = legacyAgentSeen && !legacyAgentNow;
        for (Node node : kube.nodes().list().getItems()) {
            String name = node.getMetadata().getName();
            boolean ready = ready(node) && nodePowered.test(name);
            boolean agent = agents.getOrDefault(name, false);
            long since = first ? (ready ? historyStart : startNanos - Duration.ofMinutes(10).toNanos()) : nowNanos;
            nodeDown.computeIfAbsent(name, n -> new Intervals()).set(!ready, since, nowNanos);
            nodeUnshipped.computeIfAbsent(name, n -> new Intervals()).set(!agent, first ? Long.MIN_VALUE : nowNanos,
                    nowNanos);
            agentNow.put(name, agent);
            boolean server = node.getMetadata().getLabels() != null
                    && node.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane");
            String unit = server ? "k3s.service" : "k3s-agent.service";
            addJournal(name, unit, server ? LineStyle.K3S : LineStyle.K3S_AGENT, historyStart);
            addJournal(name, "kernel", LineStyle.KERNEL, historyStart);
            if (vectorNodes.containsKey(name)) {
                addVectorJournal(name, unit, server ? "k3s" : "k3s-agent", server ? LineStyle.K3S : LineStyle.K3S_AGENT,
                        nowNanos);
                addVectorJournal(name, "kernel", "kernel", LineStyle.KERNEL, nowNanos);
            }
        }
        Map<String, Boolean> alive = new HashMap<>();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node == null || !"Running".equals(phase(pod))) {
                continue;
            }
            long created = created(pod, nowNanos);
            long from = first || created < startNanos + Duration.ofSeconds(30).toNanos() ? historyStart : created;
            for (Container container : pod.getSpec().getContainers()) {
                String id = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/"
                        + container.getName();
                alive.put(id, true);
                SimStream existing = streams.get(id);
                if (!legacyRemoved && (existing == null || existing.untilNanos() != Long.MAX_VALUE)) {
                    streams.put(id, podStream(pod, container, node, from));
                }
                if (vectorNodes.containsKey(node)) {
                    alive.put(VECTOR + id, true);
                    SimStream shipped = streams.get(VECTOR + id);
                    if (shipped == null || shipped.untilNanos() != Long.MAX_VALUE) {
                        streams.put(VECTOR + id, vectorPodStream(pod, container, node, Math.max(from, nowNanos)));
                    }
                }
            }
        }
        for (Map.Entry<String, SimStream> entry : streams.entrySet()) {
            String id = entry.getKey();
            SimStream stream = entry.getValue();
            if (stream.untilNanos() != Long.MAX_VALUE) {
                continue;
            }
            boolean vectorJournal = id.startsWith(VECTOR + "journal:");
            boolean legacy = !id.startsWith(VECTOR);
            boolean ends = vectorJournal ? !vectorNodes.containsKey(stream.node())
                    : legacy && legacyRemoved || !id.contains("journal:") && !alive.containsKey(id);
            if (ends) {
                entry.setValue(stream.endedAt(nowNanos));
            }
        }
        snapshot = List.copyOf(streams.values());
        first = false;
    }

    private void addJournal(String node, String unit, LineStyle style, long from) {
        streams.computeIfAbsent("journal:" + node + "/" + unit, id -> {
            Map<String, String> labels = new TreeMap<>();
            labels.put("namespace", "host");
            labels.put("container", unit);
            labels.put("unit", unit);
            labels.put("node", node);
            labels.put("source_type", "journald");
            labels.put("job", "systemd-journal");
            return stream(labels, node, style, id, from);
        });
    }

    /** A journal unit as Vector's journald remap labels it, from {@code from} (when Vector started on the node). */
    private void addVectorJournal(String node, String unit, String identifier, LineStyle style, long from) {
        String id = VECTOR + "journal:" + node + "/" + unit;
        SimStream existing = streams.get(id);
        if (existing != null && existing.untilNanos() == Long.MAX_VALUE) {
            return;
        }
        Map<String, String> labels = new TreeMap<>();
        labels.put("namespace", LokiLabels.HOST_NAMESPACE);
        labels.put("pod", unit);
        labels.put("container", identifier);
        labels.put("node", node);
        labels.put("app", LokiLabels.JOB_JOURNAL);
        labels.put("job", LokiLabels.JOB_JOURNAL);
        streams.put(id, stream(labels, node, style, id, from));
    }

    /** A container's stream as Vector's kubernetes_logs remap labels it (the bounded label set, nothing else). */
    private static SimStream vectorPodStream(Pod pod, Container container, String node, long from) {
        Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String app = podLabels.getOrDefault("app.kubernetes.io/name", podLabels.getOrDefault("app",
                container.getName()));
        Map<String, String> labels = new TreeMap<>();
        labels.put("namespace", pod.getMetadata().getNamespace());
        labels.put("pod", pod.getMetadata().getName());
        labels.put("container", container.getName());
        labels.put("node", node);
        labels.put("app", app);
        labels.put("job", LokiLabels.JOB_PODS);
        String id = VECTOR + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/"
                + container.getName();
        return stream(labels, node, LineStyle.forContainer(container.getName(), app), id, from);
    }

    private static boolean isVector(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        Map<String, String> labels = pod.getMetadata().getLabels();
        return "vector".equals(annotations == null ? null : annotations.get(PROFILE))
                || "vector".equals(labels == null ? null : labels.get("app.kubernetes.io/name"));
    }

    private static SimStream podStream(Pod pod, Container container, String node, long from) {
        Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String app = podLabels.getOrDefault("app.kubernetes.io/name", podLabels.getOrDefault("app",
                podLabels.getOrDefault("k8s-app", container.getName())));
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> labels = new TreeMap<>();
        labels.put("namespace", namespace);
        labels.put("pod", pod.getMetadata().getName());
        labels.put("container", container.getName());
        labels.put("node", node);
        labels.put("app", app);
        labels.put("job", namespace + "/" + container.getName());
        labels.put("source_type", "kubernetes_logs");
        String id = namespace + "/" + pod.getMetadata().getName() + "/" + container.getName();
        return stream(labels, node, LineStyle.forContainer(container.getName(), app), id, from);
    }

    private static SimStream stream(Map<String, String> labels, String node, LineStyle style, String id, long from) {
        long seed = SimStream.mix(id.hashCode(), 17);
        double jitter = 0.7 + (Math.floorMod(seed, 600) / 1000.0);
        long period = (long) (60_000_000_000L / style.perMinute * jitter);
        return new SimStream(Map.copyOf(labels), node, style, seed, period, from, Long.MAX_VALUE);
    }

    private static boolean isAgent(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        Map<String, String> labels = pod.getMetadata().getLabels();
        String profile = annotations == null ? null : annotations.get(PROFILE);
        String app = labels == null ? null : labels.get("app.kubernetes.io/name");
        return profile != null && AGENTS.contains(profile) || app != null && AGENTS.contains(app);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition condition : node.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    private static long created(Pod pod, long fallback) {
        String stamp = pod.getMetadata().getCreationTimestamp();
        if (stamp == null) {
            return fallback;
        }
        try {
            return nanos(Instant.parse(stamp));
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Time intervals [from, to) during which a node condition held; the last may be open. */
    static final class Intervals {
        private final List<long[]> closed = new ArrayList<>();
        private long openSince = Long.MAX_VALUE;

        void set(boolean holds, long since, long now) {
            if (holds && openSince == Long.MAX_VALUE) {
                openSince = since;
            } else if (!holds && openSince != Long.MAX_VALUE) {
                closed.add(new long[]{openSince, now});
                openSince = Long.MAX_VALUE;
            }
        }

        boolean contains(long t) {
            if (t >= openSince) {
                return true;
            }
            for (long[] interval : closed) {
                if (t >= interval[0] && t < interval[1]) {
                    return true;
                }
            }
            return false;
        }
    }
}
