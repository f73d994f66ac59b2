package dev.homelab.console.ui.charts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Nice tick values for the value axis and sensible time ticks for the time axis. */
final class AxisScale {

    private static final long[] TIME_STEPS = {60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
        10_800_000, 21_600_000, 43_200_000, 86_400_000};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private AxisScale() {
    }

    /** A "nice" maximum at or above {@code max} (1, 2, 2.5, 5 × 10^n) for an axis of {@code ticks} steps. */
    static double niceStep(double max, int ticks) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return 1;
        }
        double raw = max / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[]{1, 2, 2.5, 5, 10}) {
            if (raw <= factor * magnitude) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Binary-friendly steps for bytes (powers of two of MiB/GiB read better than 2.5 GB). */
    static double niceByteStep(double max, int ticks) {
        double raw = max / ticks;
        double step = 1024 * 1024;
        while (step < raw) {
            step *= 2;
        }
        return step;
    }

    static List<Long> timeTicks(long from, long to, int maxTicks, ZoneId zone) {
        long span = to - from;
        long step = TIME_STEPS[TIME_STEPS.length - 1];
        for (long candidate : TIME_STEPS) {
            if (span / candidate <= maxTicks) {
                step = candidate;
                break;
            }
        }
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli(from)).getTotalSeconds() * 1000L;
        long first = ((from + offset) / step + 1) * step - offset;
        List<Long> ticks = new ArrayList<>();
        for (long t = first; t <= to; t += step) {
            ticks.add(t);
        }
        return ticks;
    }

    static String timeLabel(long time, long span, ZoneId zone) {
        return (span > 86_400_000 ? DAY : CLOCK).format(Instant.ofEpochMilli(time).atZone(zone));
    }

    static String hoverTime(long time, ZoneId zone) {
        return DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss", Locale.ROOT).format(Instant.ofEpochMilli(time)
                .atZone(zone));
    }
}
