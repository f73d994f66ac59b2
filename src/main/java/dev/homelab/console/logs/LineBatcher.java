package dev.homelab.console.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects lines from receiving threads until the view takes them at its own fixed rate ({@link #drain()}), so the UI
 * is updated per batch, never per line. Bounded: when the view falls behind by more than {@code maxPending} lines the
 * oldest pending lines are discarded (counted), because the view could not keep them anyway.
 */
public final class LineBatcher {

    private final int maxPending;
    private final ArrayDeque<LogEntry> pending = new ArrayDeque<>();
    private long discarded;

    public LineBatcher(int maxPending) {
        this.maxPending = maxPending;
    }

    public synchronized void offer(List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            if (pending.size() == maxPending) {
                pending.pollFirst();
                discarded++;
            }
            pending.addLast(entry);
        }
    }

    /** Everything pending, oldest first; empty when nothing arrived since the last call. */
    public synchronized List<LogEntry> drain() {
        return drain(Integer.MAX_VALUE);
    }

    /**
     * At most {@code max} pending lines, oldest first. A burst (after a reconnect's catch-up, or a pause of the
     * receiving side) is then spread over several UI updates instead of one long one.
     */
    public synchronized List<LogEntry> drain(int max) {
        if (pending.isEmpty()) {
            return List.of();
        }
        int size = Math.min(max, pending.size());
        List<LogEntry> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    public synchronized void clear() {
        pending.clear();
    }

    /** Lines discarded because the view fell behind by more than the buffer size. */
    public synchronized long discarded() {
        return discarded;
    }
}
