package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples node usage from metrics.k8s.io ({@code kubectl top nodes}) every 15 s by default: one request per round,
 * on one daemon thread, never overlapping (fixed delay). When metrics-server is missing or not ready the sample says
 * so plainly instead of reporting zeros.
 */
public final class NodeUsageSampler implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(NodeUsageSampler.class);

    private final KubernetesClient kube;
    private final Duration interval;
    private final Clock clock;
    private final List<Consumer<UsageSample>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;
    private volatile UsageSample latest;

    public NodeUsageSampler(KubernetesClient kube, Duration interval) {
        this(kube, interval, Clock.systemUTC());
    }

    NodeUsageSampler(KubernetesClient kube, Duration interval, Clock clock) {
        this.kube = kube;
        this.interval = interval;
        this.clock = clock;
    }

    public void addListener(Consumer<UsageSample> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<UsageSample> listener) {
        listeners.remove(listener);
    }

    /** The most recent sample, or null before the first one. */
    public UsageSample latest() {
        return latest;
    }

    public synchronized NodeUsageSampler start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "node-usage-sampler");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::sampleAndPublish, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One round now, on the caller's thread (the CLI's {@code status}). */
    public UsageSample sampleOnce() {
        Instant at = clock.instant();
        try {
            Map<String, NodeUsage> nodes = new LinkedHashMap<>();
            for (NodeMetrics metrics : kube.top().nodes().metrics().getItems()) {
                Map<String, io.fabric8.kubernetes.api.model.Quantity> usage = metrics.getUsage() == null
                        ? Map.of() : metrics.getUsage();
                String name = metrics.getMetadata().getName();
                Instant timestamp = metrics.getTimestamp() == null ? at : Instant.parse(metrics.getTimestamp());
                nodes.put(name, new NodeUsage(name, NodeSummary.millicores(usage.get("cpu")),
                        NodeSummary.bytes(usage.get("memory")), timestamp));
            }
            return new UsageSample(at, nodes, null);
        } catch (KubernetesClientException e) {
            return new UsageSample(at, Map.of(), explain(e));
        } catch (RuntimeException e) {
            return new UsageSample(at, Map.of(), "Node usage could not be read: "
                    + ConnectionProblems.explain(e, kube.getConfiguration().getMasterUrl()).detail());
        }
    }

    static String explain(KubernetesClientException e) {
        return switch (e.getCode()) {
            case 404 -> "metrics-server missing: the cluster does not serve metrics.k8s.io, so node usage is "
                    + "unavailable (k3s ships metrics-server in kube-system unless started with "
                    + "--disable metrics-server)";
            case 503 -> "metrics-server not ready: metrics.k8s.io is registered but its APIService is unavailable "
                    + "(check the metrics-server pod in kube-system)";
            case 403 -> "Not permitted to read node usage: "
                    + ConnectionProblems.explain(e, "").detail();
            default -> "Node usage could not be read: " + ConnectionProblems.explain(e, "").detail();
        };
    }

    private void sampleAndPublish() {
        UsageSample sample = sampleOnce();
        if (!sample.ok() && (latest == null || latest.ok())) {
            LOG.warn(sample.problem());
        }
        latest = sample;
        for (Consumer<UsageSample> listener : listeners) {
            try {
                listener.accept(sample);
            } catch (RuntimeException e) {
                LOG.warn("Usage listener failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
