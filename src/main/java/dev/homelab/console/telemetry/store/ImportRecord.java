package dev.homelab.console.telemetry.store;

import java.util.List;

/** A range filled from a Prometheus-compatible database, with where it came from and the exact queries used. */
public record ImportRecord(long fromMillis, long toMillis, String source, List<String> queries) {
    public ImportRecord {
        queries = List.copyOf(queries);
    }
}
