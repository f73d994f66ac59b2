package dev.homelab.console.migration.history;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Series;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * After a history copy: counts the raw samples in the copied window on both sides. vmctl has been seen to skip series
 * silently, so the copy is only "done" when the counts were compared, never on the Job's exit code alone.
 */
public final class SampleCountComparison {

    static final String SELECTOR = "{__name__!=\"\"}";
    /** Both servers count the same samples; allow rounding of window edges. */
    static final double TOLERANCE = 0.001;

    private SampleCountComparison() {
    }

    public static CheckResult compare(PromApiClient prometheus, PromApiClient victoriaMetrics, Instant start,
                                      Instant end) {
        String title = "History copied completely";
        long seconds = Duration.between(start, end).toSeconds();
        String query = "sum(count_over_time(" + SELECTOR + "[" + seconds + "s]))";
        try {
            double source = single(prometheus.query(query, end));
            double target = single(victoriaMetrics.query(query, end));
            List<Evidence> evidence = List.of(
                    new Evidence("Prometheus " + query + " @ " + end, format(source) + " samples"),
                    new Evidence("VictoriaMetrics " + query + " @ " + end, format(target) + " samples"));
            if (source <= 0) {
                return CheckResult.unverified("history-samples", title,
                        "Prometheus holds no samples in " + start + " .. " + end, evidence);
            }
            double missing = (source - target) / source;
            if (missing <= TOLERANCE) {
                return CheckResult.passed("history-samples", title, format(target) + " of " + format(source)
                        + " samples are in VictoriaMetrics", evidence);
            }
            return CheckResult.failed("history-samples", title, String.format(Locale.ROOT,
                    "%s of %s samples arrived (%.1f %% missing); run the copy again — re-importing the same samples "
                            + "is harmless, VictoriaMetrics deduplicates them", format(target), format(source),
                    missing * 100), evidence);
        } catch (PromApiException e) {
            return CheckResult.unverified("history-samples", title, "a sample count query failed: " + e.getMessage(),
                    List.of());
        }
    }

    private static double single(List<Series> result) {
        return result.isEmpty() ? 0 : result.get(0).value();
    }

    private static String format(double count) {
        return String.format(Locale.ROOT, "%,.0f", count);
    }
}
