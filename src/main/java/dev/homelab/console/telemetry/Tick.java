package dev.homelab.console.telemetry;

import java.util.Map;

/**
 * What one sampling round observed, stamped with this computer's clock (not the kubelets', which may be skewed):
 * usage per node, usage per component per node, and the nodes' allocatable resources.
 * {@code intervalMillis} is the sampling interval in force, used to tell a gap from normal spacing.
 */
public record Tick(long timestampMillis, long intervalMillis, Map<SeriesKey, Usage> usage,
                   Map<String, Usage> allocatable) {

    public Tick {
        usage = Map.copyOf(usage);
        allocatable = Map.copyOf(allocatable);
    }
}
