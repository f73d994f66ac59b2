package dev.homelab.console.logs;

/** Life of a live tail. */
public enum TailState {
    CONNECTING,
    LIVE,
    /** The connection dropped or reached its maximum duration; a new one resumes from the last line seen. */
    RECONNECTING,
    PAUSED,
    STOPPED,
    /** Loki refused the tail in a way retrying cannot fix (bad query, missing tenant). */
    FAILED
}
