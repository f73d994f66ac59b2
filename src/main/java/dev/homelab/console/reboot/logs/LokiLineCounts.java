package dev.homelab.console.reboot.logs;

import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.MetricSeries;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** {@link LogLineCounts} over the logs capability's {@link LokiClient} (a LogQL metric query over a range). */
public final class LokiLineCounts implements LogLineCounts {

    private final LokiClient loki;

    public LokiLineCounts(LokiClient loki) {
        this.loki = loki;
    }

    @Override
    public Map<String, SortedMap<Instant, Long>> countBy(String label, String selector, Instant start, Instant end,
                                                         Duration step) throws LogQueryException {
        try {
            Map<String, SortedMap<Instant, Long>> result = new LinkedHashMap<>();
            for (MetricSeries series : loki.queryMetricRange(LogLineCounts.countQuery(label, selector, step), start,
                    end, step)) {
                SortedMap<Instant, Long> buckets = result.computeIfAbsent(series.metric().getOrDefault(label, ""),
                        k -> new TreeMap<>());
                series.samples().forEach(s -> buckets.merge(s.time(), (long) s.value(), Long::sum));
            }
            return result;
        } catch (LokiException e) {
            throw new LogQueryException(e.getMessage(), e);
        }
    }
}
