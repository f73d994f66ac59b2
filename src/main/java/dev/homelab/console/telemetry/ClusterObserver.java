package dev.homelab.console.telemetry;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps what the sampler needs to know about the cluster live through watches (informers), not polling: nodes
 * (allocatable, Ready, InternalIP), pods (labels, owner, node) and Helm release Secrets (which chart a release is).
 * Watches do not count against the steady request budget; a watch that is not permitted is reported, not fatal.
 */
public final class ClusterObserver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterObserver.class);

    /** A node as the charts need it. */
    public record NodeFacts(String name, boolean ready, Usage allocatable, String internalIp) {
    }

    private final List<SharedIndexInformer<?>> informers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, String> releaseCharts = new ConcurrentHashMap<>();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Pod> pods;

    /** Starts the watches without waiting for them (the page that creates this may be on the FX thread). */
    public ClusterObserver(KubernetesClient kube) {
        nodes = start(() -> kube.nodes().runnableInformer(0),
                "Cannot watch nodes (%s): allocatable and Ready state unknown.");
        pods = start(() -> kube.pods().inAnyNamespace().runnableInformer(0),
                "Cannot watch pods in all namespaces (%s): per-component usage is not sampled. Grant list/watch on"
                        + " pods cluster-wide.");
        SharedIndexInformer<Secret> releases = start(() -> kube.secrets().inAnyNamespace().withLabel("owner", "helm")
                .runnableInformer(0), "Cannot watch Helm release Secrets (%s): node-exporter and kube-state-metrics"
                + " are not attributed to a stack.");
        if (releases != null) {
            releases.addEventHandler(new ReleaseHandler());
        }
    }

    private <T> SharedIndexInformer<T> start(java.util.function.Supplier<SharedIndexInformer<T>> create,
                                             String problem) {
        try {
            SharedIndexInformer<T> informer = create.get();
            informers.add(informer);
            informer.start().whenComplete((ignored, e) -> {
                if (e != null) {
                    String message = String.format(problem, e.getMessage());
                    problems.add(message);
                    LOG.warn(message);
                }
            });
            return informer;
        } catch (RuntimeException e) {
            String message = String.format(problem, e.getMessage());
            problems.add(message);
            LOG.warn(message);
            return null;
        }
    }

    public List<NodeFacts> nodes() {
        if (nodes == null) {
            return List.of();
        }
        return nodes.getStore().list().stream().map(ClusterObserver::facts).toList();
    }

    /**
     * Waits (bounded) until every watch has delivered its first list, so that a one-off sampling run (the CLI's
     * {@code --sample}) attributes pods from its first round. False when the time ran out.
     */
    public boolean awaitSynced(java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!informers.stream().allMatch(SharedIndexInformer::hasSynced)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Every pod the watch knows now. */
    public List<Pod> pods() {
        return pods == null ? List.of() : pods.getStore().list();
    }

    public Optional<Pod> pod(String namespace, String name) {
        return pods == null ? Optional.empty() : Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
    }

    /** "namespace/release" → chart name of every Helm release seen. */
    public Map<String, String> releaseCharts() {
        return Map.copyOf(releaseCharts);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    static NodeFacts facts(Node node) {
        boolean ready = false;
        String ip = "";
        Usage allocatable = Usage.ZERO;
        if (node.getStatus() != null) {
            for (NodeCondition condition : nullSafe(node.getStatus().getConditions())) {
                if ("Ready".equals(condition.getType())) {
                    ready = "True".equals(condition.getStatus());
                }
            }
            for (NodeAddress address : nullSafe(node.getStatus().getAddresses())) {
                if ("InternalIP".equals(address.getType())) {
                    ip = address.getAddress();
                }
            }
            Map<String, Quantity> alloc = node.getStatus().getAllocatable();
            if (alloc != null) {
                allocatable = new Usage(amount(alloc.get("cpu")), amount(alloc.get("memory")));
            }
        }
        return new NodeFacts(node.getMetadata().getName(), ready, allocatable, ip);
    }

    private static double amount(Quantity quantity) {
        return quantity == null ? 0 : Quantity.getAmountInBytes(quantity).doubleValue();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }

    /** "namespace/release" → chart name, from Helm release Secrets listed once (when nothing watches them). */
    static Map<String, String> releaseCharts(List<Secret> releaseSecrets) {
        Map<String, String> charts = new java.util.HashMap<>();
        releaseSecrets.forEach(secret -> addReleaseChart(secret, charts));
        return charts;
    }

    private static void addReleaseChart(Secret secret, Map<String, String> charts) {
        try {
            HelmRelease release = HelmReleaseSecrets.decode(secret);
            charts.put(release.namespace() + "/" + release.name(), release.chartName());
        } catch (RuntimeException e) {
            LOG.debug("Unreadable Helm release Secret {}", secret.getMetadata().getName(), e);
        }
    }

    private final class ReleaseHandler implements ResourceEventHandler<Secret> {
        @Override
        public void onAdd(Secret secret) {
            addReleaseChart(secret, releaseCharts);
        }

        @Override
        public void onUpdate(Secret before, Secret after) {
            onAdd(after);
        }

        @Override
        public void onDelete(Secret secret, boolean unknownFinalState) {
            // a deleted revision Secret does not mean the release is gone; charts do not change names
        }
    }
}
