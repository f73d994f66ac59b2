package dev.homelab.console.logs;

import java.util.List;

/**
 * What a {@link LokiTail} reports. Called on the tail's own threads (never the UI thread): implementations hand the
 * data to a batcher and return quickly.
 */
public interface TailListener {

    /** New lines, duplicates already removed, in the order Loki sent them. */
    void onEntries(List<LogEntry> entries);

    /** Loki's tailer could not deliver these lines (its {@code dropped_entries} notice). */
    default void onDropped(List<DroppedEntry> dropped) {
    }

    /** The tail changed state; {@code message} explains it for the user. */
    void onState(TailState state, String message);

    /** After a failure the connection was re-opened through a different path (e.g. a new Loki pod). */
    default void onRebound(String previousVia, String currentVia) {
    }
}
