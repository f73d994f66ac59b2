package dev.homelab.console.cluster;

import java.time.Instant;

/** A node's current usage from metrics.k8s.io: CPU in millicores, memory (working set) in bytes. */
public record NodeUsage(String node, long cpuMillis, long memoryBytes, Instant timestamp) {
}
