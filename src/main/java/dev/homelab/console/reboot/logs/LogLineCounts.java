package dev.homelab.console.reboot.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * Line counts per minute from the log store, which is all the reboot test needs from Loki. Implemented over Loki's
 * query_range here; {@code logs.LokiClient} can stand behind it once it exists.
 */
public interface LogLineCounts {

    /** {@code sum by (label) (count_over_time(selector[step]))}: per label value, bucket start → lines. */
    Map<String, SortedMap<Instant, Long>> countBy(String label, String selector, Instant start, Instant end,
                                                  Duration step) throws LogQueryException;

    /** The exact LogQL sent for {@link #countBy}, for the evidence. */
    static String countQuery(String label, String selector, Duration step) {
        return "sum by (" + label + ") (count_over_time(" + selector + "[" + step.toSeconds() + "s]))";
    }

    final class LogQueryException extends Exception {
        public LogQueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
