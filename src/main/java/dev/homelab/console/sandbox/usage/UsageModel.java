package dev.homelab.console.sandbox.usage;

import dev.homelab.console.sandbox.api.MetricsSource;
import dev.homelab.console.sandbox.cluster.NodeFactory;
import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.scenario.NodeSpec;
import dev.homelab.console.sandbox.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The simulated metrics-server: every tick it looks at the pods that run (Running and Ready, on a Ready node) and
 * gives each a working set and CPU from its component's profile, wandering slowly around the typical value
 * (mean-reverting random walk). A node's usage is its OS/k3s base plus its pods, so removing Prometheus and
 * Alloy and adding VictoriaMetrics and Vector visibly lowers node memory. Nodes that are not Ready get no sample.
 */
public final class UsageModel implements MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(UsageModel.class);
    private static final double REVERSION = 0.15;
    private static final double STEP = 0.25;

    private final KubernetesClient kube;
    private final Clock clock;
    private final Scenario scenario;
    private final Random random;
    private final Predicate<String> reachable;
    private final Map<String, double[]> drift = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), List.of());

    /** {@code reachable}: whether metrics-server can scrape the node's kubelet now (false while it reboots). */
    public UsageModel(KubernetesClient kube, Clock clock, Scenario scenario, Predicate<String> reachable) {
        this.reachable = reachable;
        this.kube = kube;
        this.clock = clock;
        this.scenario = scenario;
        this.random = new Random(scenario.name().hashCode() * 31L);
    }

    private record Snapshot(List<NodeMetrics> nodes, List<PodMetrics> pods) {
    }

    @Override
    public List<NodeMetrics> nodeMetrics() {
        return snapshot.nodes();
    }

    @Override
    public List<PodMetrics> podMetrics() {
        return snapshot.pods();
    }

    /** Takes a new sample of every node and pod (metrics-server's scrape). */
    public synchronized void tick() {
        try {
            sample(kube.nodes().list().getItems(), kube.pods().inAnyNamespace().list().getItems());
        } catch (RuntimeException e) {
            LOG.debug("Usage tick skipped: {}", e.getMessage());
        }
    }

    void sample(List<Node> nodes, List<Pod> pods) {
        Instant now = clock.instant();
        io.fabric8.kubernetes.api.model.Duration window = new io.fabric8.kubernetes.api.model.Duration(
                scenario.timing().tick());
        Map<String, Node> readyNodes = new HashMap<>();
        nodes.stream().filter(NodeFactory::isReady).filter(n -> reachable.test(n.getMetadata().getName())).forEach(n -> readyNodes.put(n.getMetadata().getName(), n));
        Map<String, long[]> perNode = new HashMap<>();
        List<PodMetrics> podMetrics = new ArrayList<>();
        for (Pod pod : pods) {
            String nodeName = pod.getSpec().getNodeName();
            if (nodeName == null || !readyNodes.containsKey(nodeName) || !PodFactory.isReady(pod)) {
                continue;
            }
            String profileKey = pod.getMetadata().getAnnotations() == null ? null
                    : pod.getMetadata().getAnnotations().get(PodFactory.PROFILE_ANNOTATION);
            UsageProfile profile = UsageProfiles.of(profileKey);
            double[] d = wander(pod.getMetadata().getUid() == null ? pod.getMetadata().getName()
                    : pod.getMetadata().getUid());
            long memory = (profile.memoryMiB() << 20) + (long) (d[0] * (profile.memorySwingMiB() << 20));
            long cpuNanos = (long) ((profile.cpuMillis() + d[1] * profile.cpuSwingMillis()) * 1_000_000);
            cpuNanos = Math.max(cpuNanos, 100_000);
            long[] sum = perNode.computeIfAbsent(nodeName, n -> new long[2]);
            sum[0] += memory;
            sum[1] += cpuNanos;
            podMetrics.add(new PodMetricsBuilder().withNewMetadata().withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace()).withLabels(pod.getMetadata().getLabels())
                    .withCreationTimestamp(now.toString()).endMetadata()
                    .withTimestamp(now.toString()).withWindow(window)
                    .withContainers(containers(pod.getSpec().getContainers(), memory, cpuNanos)).build());
        }
        List<NodeMetrics> nodeMetrics = new ArrayList<>();
        for (Node node : readyNodes.values()) {
            String name = node.getMetadata().getName();
            NodeSpec spec = scenario.node(name).orElse(null);
            long baseMemory = spec == null ? 400L << 20 : spec.systemMemoryBytes();
            long baseCpu = spec == null ? 60 : spec.systemCpuMillis();
            double[] d = wander("node/" + name);
            long[] pods2 = perNode.getOrDefault(name, new long[2]);
            long memory = baseMemory + (long) (d[0] * (40L << 20)) + pods2[0];
            long cpu = (long) ((baseCpu + d[1] * baseCpu * 0.3) * 1_000_000) + pods2[1];
            nodeMetrics.add(new NodeMetricsBuilder().withNewMetadata().withName(name)
                    .withLabels(node.getMetadata().getLabels()).withCreationTimestamp(now.toString()).endMetadata()
                    .withTimestamp(now.toString()).withWindow(window)
                    .withUsage(Map.of("cpu", new Quantity(cpu + "n"), "memory", new Quantity((memory >> 10) + "Ki")))
                    .build());
        }
        nodeMetrics.sort(java.util.Comparator.comparing(n -> n.getMetadata().getName()));
        snapshot = new Snapshot(List.copyOf(nodeMetrics), List.copyOf(podMetrics));
    }

    /** A mean-reverting random walk in [-1, 1] per subject: memory and CPU drift, not jump. */
    private double[] wander(String subject) {
        double[] d = drift.computeIfAbsent(subject, s -> new double[]{random.nextGaussian() * 0.3,
                random.nextGaussian() * 0.3});
        for (int i = 0; i < 2; i++) {
            double step = i == 0 ? STEP * 0.5 : STEP;
            d[i] = Math.max(-1, Math.min(1, d[i] - REVERSION * d[i] + step * random.nextGaussian()));
        }
        return d;
    }

    /** The main container carries most of the pod's usage; sidecars a small share. */
    private static List<ContainerMetrics> containers(List<Container> containers, long memory, long cpuNanos) {
        List<ContainerMetrics> list = new ArrayList<>();
        int sidecars = containers.size() - 1;
        double sidecarShare = sidecars == 0 ? 0 : Math.min(0.15, 0.06 * sidecars);
        for (int i = 0; i < containers.size(); i++) {
            boolean main = containers.get(i).getName() != null && i == mainIndex(containers);
            double share = main ? 1 - sidecarShare : sidecarShare / sidecars;
            list.add(new ContainerMetricsBuilder().withName(containers.get(i).getName())
                    .withUsage(Map.of("cpu", new Quantity((long) (cpuNanos * share) + "n"),
                            "memory", new Quantity(((long) (memory * share) >> 10) + "Ki"))).build());
        }
        return list;
    }

    /** Sidecars (config reloaders, k8s-sidecar) come first in some charts; the main one is the last non-sidecar. */
    private static int mainIndex(List<Container> containers) {
        for (int i = containers.size() - 1; i >= 0; i--) {
            String name = containers.get(i).getName();
            if (!name.contains("reloader") && !name.startsWith("grafana-sc-")) {
                return i;
            }
        }
        return 0;
    }

    public Duration tickInterval() {
        return scenario.timing().tick();
    }
}
