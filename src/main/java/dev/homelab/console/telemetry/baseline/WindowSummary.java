package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.Stats;

import java.util.List;
import java.util.Map;

/**
 * Usage over one window: per node, for all nodes together and per monitoring component (summed over the nodes it
 * runs on), each as mean / p95 / max with its sample count and standard deviation. Carries what is needed to judge
 * it honestly: the sampling interval, how many sampling rounds happened versus how many the window would hold,
 * and where the samples came from.
 */
public record WindowSummary(long fromMillis, long toMillis, long intervalMillis, int ticks, int expectedTicks,
                            Map<String, NodeSummary> nodes, Totals total, Map<String, ComponentSummary> components,
                            List<String> sources) {

    public WindowSummary {
        nodes = Map.copyOf(nodes);
        components = Map.copyOf(components);
        sources = List.copyOf(sources);
    }

    /** One node: CPU in cores and memory in bytes, with its allocatable resources. */
    public record NodeSummary(Stats cpu, Stats memory, double allocatableCpu, double allocatableMemory) {
    }

    /** All nodes together, over the rounds in which every node reported. */
    public record Totals(Stats cpu, Stats memory) {
    }

    /** One component summed over its nodes; {@code nodes} lists where it ran. */
    public record ComponentSummary(String label, String side, Stats cpu, Stats memory, List<String> nodes) {
        public ComponentSummary {
            nodes = List.copyOf(nodes);
        }
    }

    public long durationMillis() {
        return toMillis - fromMillis;
    }

    /** Share of the expected sampling rounds that happened (1.0 = none missing). */
    public double coverage() {
        return expectedTicks == 0 ? 0 : Math.min(1.0, ticks / (double) expectedTicks);
    }
}
