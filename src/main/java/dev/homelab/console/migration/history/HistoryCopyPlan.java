package dev.homelab.console.migration.history;

import java.time.Duration;
import java.time.Instant;

/**
 * What to copy from the old Prometheus into VictoriaMetrics before kube-prometheus-stack goes away.
 *
 * @param prometheusUrl in-cluster URL of the live Prometheus (remote-read source)
 * @param vmsingleUrl   in-cluster URL of vmsingle (import target)
 * @param start         not older than vmsingle's retention (older samples would be discarded on import)
 * @param end           the cut-over: from here on vmagent's own series exist, so copying later would double-count
 */
public record HistoryCopyPlan(String prometheusUrl, String vmsingleUrl, Instant start, Instant end,
                              String vmctlImage) {

    public static final String DEFAULT_IMAGE = "victoriametrics/vmctl:v1.150.0";

    public HistoryCopyPlan {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("history copy needs start before end: " + start + " .. " + end);
        }
    }

    /** Start clamped to the retention window, so nothing is sent only to be thrown away. */
    public static HistoryCopyPlan within(String prometheusUrl, String vmsingleUrl, Instant oldestPrometheusSample,
                                         Instant cutOver, Duration retention, Instant now) {
        Instant retentionStart = now.minus(retention).plus(Duration.ofHours(1));
        Instant start = oldestPrometheusSample.isAfter(retentionStart) ? oldestPrometheusSample : retentionStart;
        return new HistoryCopyPlan(prometheusUrl, vmsingleUrl, start, cutOver, DEFAULT_IMAGE);
    }
}
