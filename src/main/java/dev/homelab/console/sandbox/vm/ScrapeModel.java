package dev.homelab.console.sandbox.vm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The sandbox's scrape history: which samples vmagent scraped from each target every 30 s, and which of them
 * VictoriaMetrics holds — derived on demand from the clock and a list of outages, so it costs no memory while time
 * passes. Extension points for reboot dynamics (the reboot test drives them through the sandbox's node control):
 * <ul>
 *   <li>{@link #nodeDown}/{@link #nodeUp}: a node's targets are scraped with {@code up=0} (and no other series)
 *       while it is down; if vmagent itself runs on that node nothing is scraped at all — a gap;</li>
 *   <li>{@link #storageDown}/{@link #storageUp}: vmsingle unreachable; vmagent keeps scraping into its queue
 *       ({@link #pendingBytes}) and delivers everything when vmsingle returns — no gap in VictoriaMetrics;</li>
 *   <li>{@link #vmagentRestarted}: with an emptyDir buffer (fault {@code vmagent-buffer-emptydir}) a restart of
 *       vmagent during a storage outage loses what was queued until then — a gap in VictoriaMetrics.</li>
 * </ul>
 * Samples sit on the scrape grid ({@code start + k * interval}).
 */
public final class ScrapeModel {

    /** One scrape target of one node. */
    public record Target(String job, String node, String address, String path) {
        public String instance() {
            return address;
        }

        public Map<String, String> labels() {
            return Map.of("job", job, "instance", address, "node", node, "metrics_path", path);
        }
    }

    /** A closed or still open ({@code to == null}) interval during which something was down. */
    public record Outage(String subject, Instant from, Instant to) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && (to == null || t.isBefore(to));
        }
    }

    /** A raw sample: epoch milliseconds and value. */
    public record Point(long timestampMillis, double value) {
    }

    static final String STORAGE = "vmsingle";
    /** Bytes a sample takes in vmagent's queue (compressed remote-write blocks, roughly). */
    static final long BYTES_PER_SAMPLE = 64;

    private final Clock clock;
    private final Instant start;
    private final Duration interval;
    private final Supplier<List<Target>> targets;
    private final Supplier<String> vmagentNode;
    private final boolean bufferIsEmptyDir;
    private final List<Outage> nodeOutages = new CopyOnWriteArrayList<>();
    private final List<Outage> storageOutages = new CopyOnWriteArrayList<>();
    private final List<Instant> vmagentRestarts = new CopyOnWriteArrayList<>();

    /**
     * @param start            when scraping began (the stack's install)
     * @param targets          the current targets (derived from the cluster's nodes)
     * @param vmagentNode      the node vmagent runs on (null when unknown)
     * @param bufferIsEmptyDir vmagent's queue is an emptyDir: it dies with the pod
     */
    public ScrapeModel(Clock clock, Instant start, Duration interval, Supplier<List<Target>> targets,
                       Supplier<String> vmagentNode, boolean bufferIsEmptyDir) {
        this.clock = clock;
        this.start = align(start, interval);
        this.interval = interval;
        this.targets = targets;
        this.vmagentNode = vmagentNode;
        this.bufferIsEmptyDir = bufferIsEmptyDir;
    }

    public Instant now() {
        return clock.instant();
    }

    public Duration interval() {
        return interval;
    }

    public List<Target> targets() {
        return targets.get();
    }

    public void nodeDown(String node, Instant from) {
        nodeOutages.add(new Outage(node, from, null));
    }

    public void nodeUp(String node, Instant at) {
        close(nodeOutages, node, at);
    }

    public void storageDown(Instant from) {
        storageOutages.add(new Outage(STORAGE, from, null));
    }

    public void storageUp(Instant at) {
        close(storageOutages, STORAGE, at);
    }

    public void vmagentRestarted(Instant at) {
        vmagentRestarts.add(at);
    }

    public boolean nodeIsDown(String node, Instant t) {
        return nodeOutages.stream().anyMatch(o -> o.subject().equals(node) && o.covers(t));
    }

    public boolean storageIsDown(Instant t) {
        return storageOutages.stream().anyMatch(o -> o.covers(t));
    }

    /** What vmagent scraped from the target at scrape time {@code t}: null when nothing was scraped (a gap). */
    public Double scrapedUp(Target target, Instant t) {
        if (t.isBefore(start) || t.isAfter(now())) {
            return null;
        }
        String agentNode = vmagentNode.get();
        if (agentNode != null && nodeIsDown(agentNode, t)) {
            return null;
        }
        return nodeIsDown(target.node(), t) ? 0.0 : 1.0;
    }

    /** Whether the sample scraped at {@code t} reached VictoriaMetrics by now. */
    public boolean delivered(Instant t) {
        Instant now = now();
        for (Outage outage : storageOutages) {
            if (!outage.covers(t)) {
                continue;
            }
            if (outage.to() == null || outage.to().isAfter(now)) {
                return false;
            }
            if (bufferIsEmptyDir && vmagentRestarts.stream().anyMatch(r -> !r.isBefore(t) && r.isBefore(outage.to()))) {
                return false;
            }
        }
        return true;
    }

    /** The samples of {@code up} for the target that VictoriaMetrics holds in [from, to]. */
    public List<Point> storedUp(Target target, Instant from, Instant to) {
        List<Point> points = new ArrayList<>();
        for (Instant t = align(from.isBefore(start) ? start : from, interval); !t.isAfter(to); t = t.plus(interval)) {
            if (t.isBefore(from)) {
                continue;
            }
            Double value = scrapedUp(target, t);
            if (value != null && delivered(t)) {
                points.add(new Point(t.toEpochMilli(), value));
            }
        }
        return points;
    }

    /** The newest stored sample within VictoriaMetrics' 5-minute lookback, or null. */
    public Point latestUp(Target target) {
        Instant now = now();
        List<Point> recent = storedUp(target, now.minus(Duration.ofMinutes(5)), now);
        return recent.isEmpty() ? null : recent.get(recent.size() - 1);
    }

    /** vmagent's queue: every scraped, not yet delivered sample. */
    public long pendingBytes() {
        Instant now = now();
        long samples = 0;
        for (Outage outage : storageOutages) {
            if (outage.to() != null && !outage.to().isAfter(now)) {
                continue;
            }
            Instant lastRestart = bufferIsEmptyDir ? vmagentRestarts.stream().filter(r -> !r.isBefore(outage.from()))
                    .max(Instant::compareTo).orElse(outage.from()) : outage.from();
            long scrapes = Duration.between(lastRestart, now).toMillis() / interval.toMillis();
            samples += scrapes * targets().size();
        }
        return samples * BYTES_PER_SAMPLE;
    }

    /** Samples lost for good (emptyDir buffer and a vmagent restart during a storage outage). */
    public long droppedBytes() {
        long samples = 0;
        Instant now = now();
        for (Outage outage : storageOutages) {
            Instant end = outage.to() == null ? now : outage.to();
            if (!bufferIsEmptyDir) {
                continue;
            }
            for (Instant restart : vmagentRestarts) {
                if (!restart.isBefore(outage.from()) && restart.isBefore(end)) {
                    samples += Duration.between(outage.from(), restart).toMillis() / interval.toMillis()
                            * targets().size();
                }
            }
        }
        return samples * BYTES_PER_SAMPLE;
    }

    /** Successful scrapes so far (for vmagent's counters). */
    public long scrapesSoFar() {
        return Math.max(0, Duration.between(start, now()).toMillis() / interval.toMillis()) * targets().size();
    }

    private static void close(List<Outage> outages, String subject, Instant at) {
        for (int i = 0; i < outages.size(); i++) {
            Outage outage = outages.get(i);
            if (outage.subject().equals(subject) && outage.to() == null) {
                outages.set(i, new Outage(subject, outage.from(), at));
            }
        }
    }

    static Instant align(Instant t, Duration interval) {
        long step = interval.toMillis();
        long millis = t.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(millis + step - 1, step) * step);
    }
}
