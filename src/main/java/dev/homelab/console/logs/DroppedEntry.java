package dev.homelab.console.logs;

/** A line Loki's tailer could not deliver (the client was too slow or the tail was too busy). */
public record DroppedEntry(StreamLabels labels, long timestampNanos) {
}
