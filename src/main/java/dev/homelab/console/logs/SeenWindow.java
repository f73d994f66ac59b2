package dev.homelab.console.logs;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the lines seen in the last {@code overlap} before the newest timestamp, so that the lines re-read after a
 * reconnect (which starts {@code overlap} before that timestamp) are recognised as duplicates by
 * (timestamp, stream labels, line). Older lines are forgotten: a reconnect never re-reads them.
 */
final class SeenWindow {

    private record Key(long timestampNanos, StreamLabels labels, String line) {
    }

    private final long overlapNanos;
    private final Set<Key> keys = new HashSet<>();
    private final ArrayDeque<Key> order = new ArrayDeque<>();
    private long newestNanos = Long.MIN_VALUE;

    SeenWindow(long overlapNanos) {
        this.overlapNanos = overlapNanos;
    }

    /** True when the entry is new (and remembers it); false for a duplicate. */
    synchronized boolean firstSight(LogEntry entry) {
        if (newestNanos != Long.MIN_VALUE && entry.timestampNanos() < newestNanos - overlapNanos) {
            return true;
        }
        Key key = new Key(entry.timestampNanos(), entry.labels(), entry.line());
        if (!keys.add(key)) {
            return false;
        }
        order.addLast(key);
        if (entry.timestampNanos() > newestNanos) {
            newestNanos = entry.timestampNanos();
            forgetOlderThan(newestNanos - overlapNanos);
        }
        return true;
    }

    /** The newest timestamp seen, or empty before the first line. */
    synchronized java.util.OptionalLong newest() {
        return newestNanos == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(newestNanos);
    }

    synchronized int size() {
        return keys.size();
    }

    private void forgetOlderThan(long cutoff) {
        // arrival order is nearly time order; a key stuck behind a newer one is dropped a little later, which is harmless
        while (!order.isEmpty() && order.peekFirst().timestampNanos() < cutoff) {
            keys.remove(order.pollFirst());
        }
    }
}
