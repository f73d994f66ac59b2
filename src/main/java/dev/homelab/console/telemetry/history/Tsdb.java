package dev.homelab.console.telemetry.history;

import dev.homelab.console.cluster.ServiceRef;

/** A Prometheus-compatible database found in the cluster: the old Prometheus or the new vmsingle. */
public record Tsdb(Kind kind, ServiceRef service) {

    public enum Kind { PROMETHEUS, VICTORIA_METRICS }

    @Override
    public String toString() {
        return (kind == Kind.PROMETHEUS ? "Prometheus " : "VictoriaMetrics ") + service;
    }
}
