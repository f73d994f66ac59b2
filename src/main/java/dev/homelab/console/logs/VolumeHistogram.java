package dev.homelab.console.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Lines per time bucket over a query's window, for the bar chart above the results. Built from a
 * {@code sum(count_over_time(<query> [step]))} metric query; buckets with no sample have 0 lines.
 */
public record VolumeHistogram(Instant start, Duration step, long[] counts) {

    private static final long[] NICE_STEPS_SECONDS = {
            1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    public long total() {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }

    public long max() {
        long max = 0;
        for (long count : counts) {
            max = Math.max(max, count);
        }
        return max;
    }

    public Instant bucketStart(int index) {
        return start.plus(step.multipliedBy(index));
    }

    /** The smallest "round" step that splits the window into at most {@code buckets} buckets. */
    public static Duration stepFor(Instant start, Instant end, int buckets) {
        long seconds = Math.max(1, Duration.between(start, end).toSeconds());
        for (long step : NICE_STEPS_SECONDS) {
            if (seconds / step <= buckets) {
                return Duration.ofSeconds(step);
            }
        }
        return Duration.ofSeconds((seconds + buckets - 1) / buckets);
    }

    /** Each sample at time t counts the lines in (t - step, t]: it belongs to the bucket that ends at t. */
    static VolumeHistogram from(List<MetricSeries> series, Instant start, Instant end, Duration step) {
        int size = (int) Math.max(1, (Duration.between(start, end).toSeconds() + step.toSeconds() - 1)
                / step.toSeconds());
        long[] counts = new long[size];
        long stepMillis = step.toMillis();
        for (MetricSeries one : series) {
            for (MetricSeries.Sample sample : one.samples()) {
                long fromStart = sample.time().toEpochMilli() - start.toEpochMilli() - 1;
                int index = (int) Math.floorDiv(fromStart, stepMillis);
                if (index >= 0 && index < size) {
                    counts[index] += Math.round(sample.value());
                }
            }
        }
        return new VolumeHistogram(start, step, counts);
    }
}
