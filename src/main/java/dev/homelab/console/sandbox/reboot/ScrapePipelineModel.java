package dev.homelab.console.sandbox.reboot;

import dev.homelab.console.sandbox.SandboxWorld;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A per-target scrape-sample model of vmagent → vmsingle with reboot dynamics: every interval vmagent scrapes each
 * node's node-exporter (up=1, or up=0 while that node is down; nothing at all while vmagent's own node is down).
 * Samples go into vmagent's queue and reach the storage only while vmsingle's node runs, so the queue fills during
 * an outage of that node and drains after it. With the fault {@code vmagent-buffer-emptydir} vmagent's queue lives
 * on an emptyDir and is lost when the outage ends (its pod was recreated) — the lossy variant.
 */
public final class ScrapePipelineModel implements NodeRebootSimulation.OutageListener, AutoCloseable {

    public static final String FAULT_BUFFER_LOST = "vmagent-buffer-emptydir";
    static final int BYTES_PER_SAMPLE = 180;

    /** One raw sample of one target. */
    public record Point(long timestampMillis, double value) {
    }

    private final SandboxWorld world;
    private final Duration interval;
    private final Map<String, String> addressByNode;
    private final String vmsingleNode;
    private final String vmagentNode;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Point>> stored = new LinkedHashMap<>();
    private final List<Map.Entry<String, Point>> queue = new ArrayList<>();
    private ScheduledFuture<?> ticks;

    /** @param addressByNode node name → InternalIP (the instance label of its node-exporter target) */
    public ScrapePipelineModel(SandboxWorld world, Duration interval, Map<String, String> addressByNode,
                               String vmsingleNode, String vmagentNode) {
        this.world = world;
        this.interval = interval;
        this.addressByNode = Map.copyOf(addressByNode);
        this.vmsingleNode = vmsingleNode;
        this.vmagentNode = vmagentNode;
    }

    /** Fills {@code history} of samples before now (as if the lab had been running) and starts scraping. */
    public void start(Duration history) {
        long now = world.clock().millis();
        synchronized (this) {
            for (long t = now - history.toMillis(); t < now; t += interval.toMillis()) {
                for (String node : addressByNode.keySet()) {
                    stored.computeIfAbsent(node, n -> new ArrayList<>()).add(new Point(t, 1));
                }
            }
        }
        ticks = world.scheduler().scheduleAtFixedRate(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void tick() {
        long now = world.clock().millis();
        if (!down.contains(vmagentNode)) {
            for (String node : addressByNode.keySet()) {
                queue.add(Map.entry(node, new Point(now, down.contains(node) ? 0 : 1)));
            }
        }
        if (storageUp()) {
            for (Map.Entry<String, Point> entry : queue) {
                stored.computeIfAbsent(entry.getKey(), n -> new ArrayList<>()).add(entry.getValue());
            }
            queue.clear();
        }
    }

    public boolean storageUp() {
        return !down.contains(vmsingleNode);
    }

    public synchronized long pendingBytes() {
        return (long) queue.size() * BYTES_PER_SAMPLE;
    }

    public String address(String node) {
        return addressByNode.get(node);
    }

    public java.util.Collection<String> nodes() {
        return addressByNode.keySet();
    }

    /** Stored samples of one node's target in [from, to], sorted. */
    public synchronized List<Point> samples(String node, Instant from, Instant to) {
        return stored.getOrDefault(node, List.of()).stream()
                .filter(p -> p.timestampMillis() >= from.toEpochMilli() && p.timestampMillis() <= to.toEpochMilli())
                .sorted(java.util.Comparator.comparingLong(Point::timestampMillis))
                .toList();
    }

    @Override
    public void nodeDown(String node, Instant at) {
        down.add(node);
    }

    @Override
    public synchronized void nodeUp(String node, Instant at) {
        if (node.equals(vmsingleNode) && world.hasFault(FAULT_BUFFER_LOST)) {
            queue.clear();
        }
        down.remove(node);
    }

    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }
}
