package dev.homelab.console.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@code query_range} over log lines: LogQL, the window, how many lines at most, and which end first
 * ({@link Direction#BACKWARD} = newest first, Loki's default). {@code interval} (optional) asks Loki for at most one
 * line per interval.
 */
public record LogQuery(String logql, Instant start, Instant end, int limit, Direction direction, Duration interval) {

    /** Loki's default {@code max_entries_limit_per_query}. */
    public static final int MAX_LIMIT = 5_000;

    public enum Direction {
        BACKWARD, FORWARD;

        public String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LogQuery {
        Objects.requireNonNull(logql, "logql");
        if (logql.isBlank()) {
            throw new IllegalArgumentException("The LogQL query is empty; start with a stream selector such as "
                    + "{namespace=\"kube-system\"}");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("The range is empty: start " + start + " is not before end " + end);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("The line limit must be at least 1, was " + limit);
        }
    }

    public static LogQuery lastPeriod(String logql, Duration period, int limit, Direction direction, Instant now) {
        return new LogQuery(logql, now.minus(period), now, limit, direction, null);
    }
}
