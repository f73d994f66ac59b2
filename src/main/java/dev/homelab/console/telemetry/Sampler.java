package dev.homelab.console.telemetry;

import dev.homelab.console.telemetry.ClusterObserver.NodeFacts;
import dev.homelab.console.telemetry.MetricsServerClient.NodeReading;
import dev.homelab.console.telemetry.MetricsServerClient.PodReading;
import dev.homelab.console.telemetry.store.SampleStore;
import io.fabric8.kubernetes.api.model.Pod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples metrics.k8s.io every interval (15 s by default) while connected: one request for all node metrics, one
 * for all pod metrics — 8 requests a minute at 15 s, whatever the number of nodes — plus watches. Each round
 * becomes a {@link Tick} stamped with this computer's clock, stored and handed to listeners.
 * A node that is NotReady or whose reading did not change since the last round yields no sample (a gap, not a
 * repeated or zero value). Pods are attributed to components by {@link ComponentClassifier}; a restarted pod is
 * just another pod of the same component.
 */
public final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);
    static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(10);

    private final MetricsServerClient metrics;
    private final ClusterObserver cluster;
    private final SampleStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final List<Consumer<Tick>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<NodeUsageRound>> roundListeners = new CopyOnWriteArrayList<>();
    private final Map<String, NodeReading> lastReadings = new HashMap<>();
    private final Map<String, Optional<Component>> classified = new HashMap<>();
    private final Set<String> rememberedPods = new HashSet<>();
    private final long startedNanos = System.nanoTime();
    private final long requestsAtStart;
    private volatile Duration interval;
    private volatile SamplerStatus status;
    private volatile Tick lastTick;
    private volatile NodeUsageRound lastRound;
    private ScheduledFuture<?> schedule;

    public Sampler(MetricsServerClient metrics, ClusterObserver cluster, SampleStore store, Clock clock,
                   Duration interval) {
        this.metrics = metrics;
        this.cluster = cluster;
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.requestsAtStart = metrics.requestCount();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "telemetry-sampler");
            thread.setDaemon(true);
            return thread;
        });
        this.status = new SamplerStatus(SamplerStatus.State.STARTING, "Waiting for the first sample", null, interval,
                0, 0, 0, cluster.problems());
    }

    /**
     * Starts the rounds on the sampler's thread. The first waits (at most {@link #FIRST_ROUND_WAIT}) for the watches'
     * first lists, so that it already knows the nodes' allocatable and which component each pod belongs to.
     */
    public synchronized void start() {
        if (schedule == null) {
            scheduler.execute(this::awaitWatches);
            schedule = scheduler.scheduleWithFixedDelay(this::sampleSafely, 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void awaitWatches() {
        try {
            if (!cluster.awaitSynced(FIRST_ROUND_WAIT)) {
                LOG.info("The watches did not deliver within {} s; sampling without them for now",
                        FIRST_ROUND_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Changes the interval; takes effect at once. */
    public synchronized void setInterval(Duration newInterval) {
        if (newInterval.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("The sampling interval must be at least 5 s (metrics-server updates"
                    + " every 15 s on k3s); got " + newInterval.toSeconds() + " s");
        }
        interval = newInterval;
        if (schedule != null) {
            schedule.cancel(false);
            schedule = scheduler.scheduleWithFixedDelay(this::sampleSafely, newInterval.toMillis(),
                    newInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public Duration interval() {
        return interval;
    }

    public void addListener(Consumer<Tick> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Tick> listener) {
        listeners.remove(listener);
    }

    public SamplerStatus status() {
        return status;
    }

    /** The last round's samples, if any. */
    public Optional<Tick> lastTick() {
        return Optional.ofNullable(lastTick);
    }

    /**
     * Called after every round, failed ones included, with every node's current reading: live displays (the
     * overview) take node usage from here instead of asking metrics.k8s.io themselves.
     */
    public void addRoundListener(Consumer<NodeUsageRound> listener) {
        roundListeners.add(listener);
    }

    public void removeRoundListener(Consumer<NodeUsageRound> listener) {
        roundListeners.remove(listener);
    }

    /** The last round's node readings or problem, if a round has run. */
    public Optional<NodeUsageRound> lastRound() {
        return Optional.ofNullable(lastRound);
    }

    private void sampleSafely() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            LOG.warn("Sampling failed", e);
            status = status(SamplerStatus.State.SAMPLING, "Sampling failed: " + e.getMessage(), List.of());
            publish(NodeUsageRound.failed(clock.instant(), "Sampling failed: " + e.getMessage()));
        }
    }

    /** One sampling round; public for tests and for the CLI's one-off sampling. */
    public synchronized Optional<Tick> sampleOnce() {
        Instant now = clock.instant();
        List<NodeReading> nodeReadings;
        List<PodReading> podReadings;
        try {
            nodeReadings = metrics.nodes();
            podReadings = metrics.pods();
        } catch (MetricsUnavailableException e) {
            status = status(SamplerStatus.State.METRICS_UNAVAILABLE, e.getMessage(), List.of());
            publish(NodeUsageRound.failed(now, e.getMessage()));
            return Optional.empty();
        }
        Map<String, NodeFacts> nodes = new HashMap<>();
        cluster.nodes().forEach(n -> nodes.put(n.name(), n));
        Map<SeriesKey, Usage> usage = new LinkedHashMap<>();
        Map<String, Instant> kubeletTimes = new HashMap<>();
        List<String> notes = new ArrayList<>(cluster.problems());
        Set<String> freshNodes = new HashSet<>();
        for (NodeReading reading : nodeReadings) {
            NodeFacts facts = nodes.get(reading.node());
            if (facts != null && !facts.ready()) {
                notes.add("Node " + reading.node() + " is NotReady: no samples until it is back (shown as a gap).");
                continue;
            }
            if (reading.timestamp() != null) {
                kubeletTimes.put(reading.node(), reading.timestamp());
            }
            NodeReading previous = lastReadings.put(reading.node(), reading);
            if (previous != null && previous.equals(reading)) {
                continue;
            }
            freshNodes.add(reading.node());
            usage.put(SeriesKey.node(reading.node()), reading.usage());
        }
        nodes.values().stream().filter(n -> n.ready() && !lastReadings.containsKey(n.name()))
                .forEach(n -> notes.add("Node " + n.name() + " has no metrics yet (just joined, or its kubelet is"
                        + " not reachable by metrics-server)."));
        addComponents(podReadings, freshNodes, usage);
        notes.addAll(ClockCheck.notes(kubeletTimes, now));
        Map<String, Usage> allocatable = new HashMap<>();
        nodes.values().forEach(n -> allocatable.put(n.name(), n.allocatable()));
        Tick tick = new Tick(now.toEpochMilli(), interval.toMillis(), usage, allocatable);
        store.append(tick);
        lastTick = tick;
        status = status(SamplerStatus.State.SAMPLING, "Sampling " + freshNodes.size() + " of " + nodeReadings.size()
                + " nodes every " + interval.toSeconds() + " s from metrics.k8s.io", notes);
        for (Consumer<Tick> listener : listeners) {
            try {
                listener.accept(tick);
            } catch (RuntimeException e) {
                LOG.warn("A telemetry listener failed", e);
            }
        }
        publish(new NodeUsageRound(now, nodeReadings, null));
        return Optional.of(tick);
    }

    private void publish(NodeUsageRound round) {
        lastRound = round;
        for (Consumer<NodeUsageRound> listener : roundListeners) {
            try {
                listener.accept(round);
            } catch (RuntimeException e) {
                LOG.warn("A node usage listener failed", e);
            }
        }
    }

    private void addComponents(List<PodReading> pods, Set<String> freshNodes, Map<SeriesKey, Usage> usage) {
        ComponentClassifier classifier = new ComponentClassifier(cluster.releaseCharts());
        Map<String, String> newlySeen = new HashMap<>();
        Set<String> present = new HashSet<>();
        for (PodReading reading : pods) {
            Optional<Pod> pod = cluster.pod(reading.namespace(), reading.name());
            if (pod.isEmpty() || pod.get().getSpec() == null || pod.get().getSpec().getNodeName() == null) {
                continue;
            }
            String node = pod.get().getSpec().getNodeName();
            if (!freshNodes.contains(node)) {
                continue;
            }
            String uid = pod.get().getMetadata().getUid() + reading.key();
            present.add(uid);
            Optional<Component> component = classified.computeIfAbsent(uid,
                    k -> classifier.classify(pod.get().getMetadata()).map(ComponentClassifier.Classification::component));
            if (component.isEmpty()) {
                continue;
            }
            usage.merge(SeriesKey.component(node, component.get()), reading.usage(), Usage::plus);
            if (rememberedPods.add(reading.key())) {
                newlySeen.put(reading.key(), component.get().key());
            }
        }
        classified.keySet().retainAll(present);
        if (!newlySeen.isEmpty()) {
            store.rememberPods(newlySeen);
        }
    }

    private SamplerStatus status(SamplerStatus.State state, String message, List<String> notes) {
        double minutes = Math.max((System.nanoTime() - startedNanos) / 60e9, 1e-9);
        long requests = metrics.requestCount() - requestsAtStart;
        Instant last = lastTick == null ? null : Instant.ofEpochMilli(lastTick.timestampMillis());
        return new SamplerStatus(state, message, last, interval, requests, metrics.bytesReceived(),
                minutes < 1 ? requests : requests / minutes, notes);
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        scheduler.shutdownNow();
        status = status(SamplerStatus.State.STOPPED, "Stopped", List.of());
    }
}
