package dev.homelab.console.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One series of a LogQL metric query ({@code sum by (node) (count_over_time(...))}). */
public record MetricSeries(Map<String, String> metric, List<Sample> samples) {

    public record Sample(Instant time, double value) {
    }
}
