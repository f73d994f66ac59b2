package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.Stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Builds a {@link Comparison} of a baseline against an after window, with honest flags. */
public final class Comparer {

    /** Below this share of expected sampling rounds a window is flagged as having missing samples. */
    static final double MIN_COVERAGE = 0.9;
    /** Windows whose lengths differ by more than this share are flagged. */
    static final double MAX_LENGTH_DIFFERENCE = 0.1;

    private Comparer() {
    }

    public static Comparison compare(Baseline baseline, WindowSummary after) {
        WindowSummary before = baseline.window();
        List<String> flags = flags(before, after);
        List<Comparison.NodeChange> nodes = new ArrayList<>();
        TreeSet<String> nodeNames = new TreeSet<>(before.nodes().keySet());
        nodeNames.addAll(after.nodes().keySet());
        for (String node : nodeNames) {
            WindowSummary.NodeSummary b = before.nodes().get(node);
            WindowSummary.NodeSummary a = after.nodes().get(node);
            if (b == null || a == null) {
                flags.add("Node " + node + " has samples only " + (b == null ? "after" : "before")
                        + ": the totals compare different sets of nodes.");
            }
            nodes.add(new Comparison.NodeChange(node, Change.of(cpu(b), cpu(a)), Change.of(memory(b), memory(a))));
        }
        List<Comparison.ComponentChange> components = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.components().keySet());
        keys.addAll(after.components().keySet());
        for (String key : keys) {
            WindowSummary.ComponentSummary b = before.components().get(key);
            WindowSummary.ComponentSummary a = after.components().get(key);
            WindowSummary.ComponentSummary any = b != null ? b : a;
            components.add(new Comparison.ComponentChange(key, any.label(), any.side(),
                    Change.of(b == null ? Stats.EMPTY : b.cpu(), a == null ? Stats.EMPTY : a.cpu()),
                    Change.of(b == null ? Stats.EMPTY : b.memory(), a == null ? Stats.EMPTY : a.memory())));
        }
        components.sort(Comparator.comparingDouble((Comparison.ComponentChange c) -> c.memory().absolute()));
        return new Comparison(baseline.name(), before, after, flags, nodes,
                Change.of(before.total().cpu(), after.total().cpu()),
                Change.of(before.total().memory(), after.total().memory()), components);
    }

    private static List<String> flags(WindowSummary before, WindowSummary after) {
        List<String> flags = new ArrayList<>();
        long b = before.durationMillis();
        long a = after.durationMillis();
        if (Math.abs(a - b) > MAX_LENGTH_DIFFERENCE * Math.max(a, b)) {
            flags.add("The windows differ in length (" + minutes(b) + " before, " + minutes(a) + " after): p95 and max"
                    + " of a shorter window tend to be lower.");
        }
        coverage("before", before, flags);
        coverage("after", after, flags);
        if (before.intervalMillis() != after.intervalMillis()) {
            flags.add("The sampling interval differs (" + before.intervalMillis() / 1000 + " s before, "
                    + after.intervalMillis() / 1000 + " s after).");
        }
        boolean promBefore = before.sources().stream().anyMatch(s -> s.startsWith("PromQL"));
        boolean promAfter = after.sources().stream().anyMatch(s -> s.startsWith("PromQL"));
        if (promBefore != promAfter) {
            flags.add("One window comes (partly) from PromQL history and the other from metrics.k8s.io samples: the"
                    + " two measure working set slightly differently.");
        }
        return flags;
    }

    private static void coverage(String which, WindowSummary window, List<String> flags) {
        if (window.coverage() < MIN_COVERAGE) {
            flags.add(String.format(java.util.Locale.ROOT, "The %s window is missing %.0f %% of its samples (%d of %d"
                            + " rounds; the app was not running, or metrics were unavailable).", which,
                    (1 - window.coverage()) * 100, window.expectedTicks() - window.ticks(), window.expectedTicks()));
        }
    }

    private static String minutes(long millis) {
        return Math.round(millis / 60_000.0) + " min";
    }

    private static Stats cpu(WindowSummary.NodeSummary node) {
        return node == null ? Stats.EMPTY : node.cpu();
    }

    private static Stats memory(WindowSummary.NodeSummary node) {
        return node == null ? Stats.EMPTY : node.memory();
    }
}
