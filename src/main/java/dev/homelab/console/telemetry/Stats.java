package dev.homelab.console.telemetry;

import java.util.Arrays;

/**
 * Summary of a window of samples: how many, mean, standard deviation (the window's own variation, used by the
 * comparison's noise rule), 95th percentile (nearest rank) and maximum. Empty windows have count 0 and NaN values.
 */
public record Stats(int count, double mean, double stddev, double p95, double max) {

    public static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Stats of(double[] values) {
        return of(values, values.length);
    }

    public static Stats of(double[] values, int length) {
        double[] sorted = Arrays.stream(values, 0, length).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return EMPTY;
        }
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : sorted) {
            squares += (v - mean) * (v - mean);
        }
        double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        int rank = (int) Math.ceil(0.95 * n);
        return new Stats(n, mean, stddev, sorted[Math.max(rank - 1, 0)], sorted[n - 1]);
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
