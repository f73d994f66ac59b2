package dev.homelab.console.ui.overview;

import dev.homelab.console.cluster.NodeSummary;

/**
 * One line of the nodes table: the node as the informer last saw it and its latest usage sample
 * ({@code -1} while no sample exists, e.g. metrics-server missing or not yet sampled).
 */
record NodeRow(NodeSummary node, long cpuUsedMillis, long memoryUsedBytes) {

    static NodeRow withoutUsage(NodeSummary node) {
        return new NodeRow(node, -1, -1);
    }

    boolean hasUsage() {
        return cpuUsedMillis >= 0 && memoryUsedBytes >= 0;
    }

    /** Fraction of allocatable CPU in use, or -1. */
    double cpuFraction() {
        return cpuUsedMillis < 0 || node.cpuAllocatableMillis() <= 0 ? -1
                : (double) cpuUsedMillis / node.cpuAllocatableMillis();
    }

    double memoryFraction() {
        return memoryUsedBytes < 0 || node.memoryAllocatableBytes() <= 0 ? -1
                : (double) memoryUsedBytes / node.memoryAllocatableBytes();
    }
}
