package dev.homelab.console.logs;

import java.time.Duration;

/**
 * How a live tail runs.
 *
 * @param logql          the LogQL log query
 * @param limit          Loki's {@code limit}: lines replayed from {@code start} when a tail opens (Loki default 100)
 * @param delayFor       Loki's {@code delay_for} (0–5 s): lets late lines arrive in order
 * @param lookback       how far back the first connection starts
 * @param maxSession     reconnect proactively after this long; below Loki's {@code tail_max_duration} (default 1 h)
 * @param overlap        on a reconnect, re-read this much before the newest line seen; duplicates are dropped
 * @param backoffInitial first wait after a failure; doubles up to {@code backoffMax}
 * @param gapFillMaxLines lines fetched with {@code query_range} to close a gap after a reconnect, at most
 */
public record TailOptions(String logql, int limit, Duration delayFor, Duration lookback, Duration maxSession,
                          Duration overlap, Duration backoffInitial, Duration backoffMax, int gapFillMaxLines) {

    public TailOptions {
        if (logql == null || logql.isBlank()) {
            throw new IllegalArgumentException("The LogQL query is empty; tail a stream selector such as "
                    + "{namespace=\"kube-system\"}");
        }
        if (delayFor.isNegative() || delayFor.compareTo(Duration.ofSeconds(5)) > 0) {
            throw new IllegalArgumentException("delay_for must be between 0 and 5 s (Loki's limit), was " + delayFor);
        }
    }

    public static TailOptions of(String logql) {
        return new TailOptions(logql, 100, Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(50),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 50_000);
    }

    public TailOptions withLookback(Duration value) {
        return new TailOptions(logql, limit, delayFor, value, maxSession, overlap, backoffInitial, backoffMax,
                gapFillMaxLines);
    }

    public TailOptions withMaxSession(Duration value) {
        return new TailOptions(logql, limit, delayFor, lookback, value, overlap, backoffInitial, backoffMax,
                gapFillMaxLines);
    }

    public TailOptions withBackoff(Duration initial, Duration max) {
        return new TailOptions(logql, limit, delayFor, lookback, maxSession, overlap, initial, max, gapFillMaxLines);
    }

    public TailOptions withLimit(int value) {
        return new TailOptions(logql, value, delayFor, lookback, maxSession, overlap, backoffInitial, backoffMax,
                gapFillMaxLines);
    }

    public TailOptions withDelayFor(Duration value) {
        return new TailOptions(logql, limit, value, lookback, maxSession, overlap, backoffInitial, backoffMax,
                gapFillMaxLines);
    }
}
