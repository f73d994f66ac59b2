package dev.homelab.console.telemetry.store;

import dev.homelab.console.telemetry.Metric;

/** Raw samples of one series in a window: times (epoch ms), CPU (cores) and memory (bytes). */
public record RawSeries(long[] times, double[] cpu, double[] memory) {

    public static final RawSeries EMPTY = new RawSeries(new long[0], new double[0], new double[0]);

    public double[] values(Metric metric) {
        return metric == Metric.CPU ? cpu : memory;
    }

    public int size() {
        return times.length;
    }
}
