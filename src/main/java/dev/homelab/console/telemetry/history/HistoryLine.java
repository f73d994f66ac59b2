package dev.homelab.console.telemetry.history;

/** One line filled from PromQL: what it is (node or component on a node), the exact query, and the series used. */
public record HistoryLine(String node, String component, String metric, String query, String series) {
}
