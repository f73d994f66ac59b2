package dev.homelab.console.telemetry.baseline;

import java.util.List;

/**
 * A baseline against an "after" window: per node and in total, CPU and memory before vs after; per component what
 * disappeared, what was added and what changed; and the flags that say how far to trust it.
 */
public record Comparison(String baseline, WindowSummary before, WindowSummary after, List<String> flags,
                         List<NodeChange> nodes, Change totalCpu, Change totalMemory,
                         List<ComponentChange> components) {

    public Comparison {
        flags = List.copyOf(flags);
        nodes = List.copyOf(nodes);
        components = List.copyOf(components);
    }

    public record NodeChange(String node, Change cpu, Change memory) {
    }

    public record ComponentChange(String key, String label, String side, Change cpu, Change memory) {
    }

    public List<ComponentChange> gone() {
        return components.stream().filter(c -> c.memory().verdict() == Change.Verdict.GONE).toList();
    }

    public List<ComponentChange> added() {
        return components.stream().filter(c -> c.memory().verdict() == Change.Verdict.ADDED).toList();
    }
}
