package dev.homelab.console.reboot.buffers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The queue snapshots taken during one test, in order, and what they show: did the queue rise while the storage was
 * away, did it drain back, did anything get dropped.
 */
public final class BufferHistory {

    /** A queue this small counts as drained (vmagent always holds a block or two in flight). */
    public static final double DRAINED_BYTES = 64 * 1024;

    private final List<BufferSnapshot> snapshots = new ArrayList<>();

    /**
     * Whether a queue that rose to {@code peak} is drained at {@code now}: back near its level from before, where
     * "near" is {@link #DRAINED_BYTES} of a real vmagent's steady noise, but never more than half the peak (a small
     * queue that still holds everything it gathered has not drained).
     */
    public static boolean drained(double now, double baseline, double peak) {
        double threshold = Math.max(Double.isNaN(baseline) ? 0 : baseline * 2, Double.isNaN(peak) ? DRAINED_BYTES : Math.min(DRAINED_BYTES,
                peak / 2));
        return now <= threshold;
    }

    public synchronized void add(BufferSnapshot snapshot) {
        snapshots.add(snapshot);
    }

    public synchronized List<BufferSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    public synchronized boolean isEmpty() {
        return snapshots.isEmpty();
    }

    public synchronized Optional<BufferSnapshot> first() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(0));
    }

    public synchronized Optional<BufferSnapshot> last() {
        return snapshots.isEmpty() ? Optional.empty() : Optional.of(snapshots.get(snapshots.size() - 1));
    }

    /** Highest pending bytes seen between the two instants (inclusive). */
    public synchronized double peakPending(Instant from, Instant to) {
        return snapshots.stream()
                .filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to))
                .mapToDouble(BufferSnapshot::pendingBytes)
                .filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
    }

    public synchronized Optional<BufferSnapshot> peak() {
        return snapshots.stream().filter(s -> !Double.isNaN(s.pendingBytes()))
                .max(java.util.Comparator.comparingDouble(BufferSnapshot::pendingBytes));
    }

    /** Growth of the drop counters from the first to the last snapshot (a counter reset counts its new value). */
    public synchronized double droppedDuring() {
        double total = 0;
        for (int i = 1; i < snapshots.size(); i++) {
            double before = snapshots.get(i - 1).droppedTotal();
            double now = snapshots.get(i).droppedTotal();
            total += now >= before ? now - before : now;
        }
        return total;
    }
}
