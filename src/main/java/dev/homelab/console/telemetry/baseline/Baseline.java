package dev.homelab.console.telemetry.baseline;

import java.time.Instant;

/** A named, captured window of usage ("before"), kept with the cluster's history. */
public record Baseline(String name, Instant created, WindowSummary window) {
}
