package dev.homelab.console.logs;

import java.time.Instant;

/**
 * One log line: nanosecond timestamp (Loki's precision), the stream's labels, the line, and its detected level.
 * {@code source} says where it came from, so lines read from the Kubernetes API are never mistaken for Loki's.
 */
public record LogEntry(long timestampNanos, StreamLabels labels, String line, LogLevel level, Source source) {

    public enum Source { LOKI, KUBERNETES_API }

    public static LogEntry fromLoki(long timestampNanos, StreamLabels labels, String line) {
        return new LogEntry(timestampNanos, labels, line, LevelDetector.detect(labels.asMap(), line), Source.LOKI);
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(0, timestampNanos);
    }

    /** Same line of the same stream at the same instant: what Loki itself treats as a duplicate. */
    public boolean sameAs(LogEntry other) {
        return timestampNanos == other.timestampNanos && line.equals(other.line) && labels.equals(other.labels);
    }

    /** Same stream and text, any time: what the view folds into one row with a repeat count. */
    public boolean repeats(LogEntry other) {
        return line.equals(other.line) && labels.equals(other.labels);
    }

    public boolean looksLikeJson() {
        String trimmed = line.strip();
        return trimmed.startsWith("{") && trimmed.endsWith("}");
    }
}
