package dev.homelab.console.telemetry;

import dev.homelab.console.telemetry.store.SampleStore;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/** Writes synthetic sampling rounds into a store, as the sampler would. */
public final class TestTicks {

    public static final long INTERVAL = 15_000;
    public static final Usage PI5 = new Usage(4, 8L * 1024 * 1024 * 1024);

    private TestTicks() {
    }

    /** {@code rounds} ticks from {@code start}, each with the usage the function gives for round i. */
    public static void write(SampleStore store, long start, int rounds, IntFunction<Map<SeriesKey, Usage>> usage) {
        for (int i = 0; i < rounds; i++) {
            Map<String, Usage> allocatable = new HashMap<>();
            usage.apply(i).keySet().forEach(k -> allocatable.put(k.node(), PI5));
            store.append(new Tick(start + i * INTERVAL, INTERVAL, usage.apply(i), allocatable));
        }
    }

    public static double gib(double value) {
        return value * 1024 * 1024 * 1024;
    }

    public static double mib(double value) {
        return value * 1024 * 1024;
    }
}
