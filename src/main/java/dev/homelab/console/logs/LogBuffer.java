package dev.homelab.console.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the newest {@code capacity} rows of a stream in a list that a view displays, folding identical consecutive
 * lines into one row with a count. It works on any {@link List} (the UI passes its observable list), and changes it
 * with at most three bulk operations per batch — replace the last row, cut the head, append — so a fast stream costs
 * the view three change events per batch, not one per line. Not thread-safe: call it from the thread that owns the list.
 */
public final class LogBuffer {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final List<LogRow> rows;
    private int capacity;
    private boolean foldRepeats;
    private long linesAppended;
    private long rowsEvicted;

    public LogBuffer(List<LogRow> rows, int capacity, boolean foldRepeats) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The buffer must hold at least one line, was " + capacity);
        }
        this.rows = rows;
        this.capacity = capacity;
        this.foldRepeats = foldRepeats;
    }

    public void append(List<LogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        linesAppended += batch.size();
        LogRow replacedLast = null;
        List<LogRow> added = new ArrayList<>(Math.min(batch.size(), capacity));
        for (LogEntry entry : batch) {
            LogRow previous = added.isEmpty() ? (replacedLast != null ? replacedLast : last()) : added.get(added.size() - 1);
            if (foldRepeats && previous != null && entry.repeats(previous.entry())) {
                if (added.isEmpty()) {
                    replacedLast = previous.repeatedBy(entry);
                } else {
                    added.set(added.size() - 1, previous.repeatedBy(entry));
                }
            } else {
                added.add(LogRow.of(entry));
            }
        }
        if (replacedLast != null) {
            rows.set(rows.size() - 1, replacedLast);
        }
        if (added.size() > capacity) {
            rowsEvicted += added.size() - capacity;
            added = added.subList(added.size() - capacity, added.size());
        }
        trimTo(capacity - added.size());
        rows.addAll(added);
    }

    public void clear() {
        rows.clear();
    }

    public int capacity() {
        return capacity;
    }

    public void setCapacity(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("The buffer must hold at least one line, was " + value);
        }
        capacity = value;
        trimTo(capacity);
    }

    public void setFoldRepeats(boolean value) {
        foldRepeats = value;
    }

    public boolean foldRepeats() {
        return foldRepeats;
    }

    public long linesAppended() {
        return linesAppended;
    }

    /** Rows that left the buffer because it was full. */
    public long rowsEvicted() {
        return rowsEvicted;
    }

    private LogRow last() {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    private void trimTo(int keep) {
        int excess = rows.size() - Math.max(0, keep);
        if (excess > 0) {
            rowsEvicted += excess;
            rows.subList(0, excess).clear();
        }
    }
}
