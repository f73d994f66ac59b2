package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Units;

import java.util.Locale;

/** What the value axis shows: bytes, cores, or percent of allocatable. */
enum ValueAxis {
    BYTES, CORES, PERCENT;

    String format(double value) {
        return switch (this) {
            case BYTES -> Units.bytes(value);
            case CORES -> Units.cores(value);
            case PERCENT -> String.format(Locale.ROOT, "%.0f %%", value);
        };
    }

    double step(double max, int ticks) {
        return this == BYTES ? AxisScale.niceByteStep(max, ticks) : AxisScale.niceStep(max, ticks);
    }

    /** Percent axes start at a 100 % ceiling so a quiet node does not look full. */
    double minimumMax() {
        return switch (this) {
            case BYTES -> 64 * 1024 * 1024;
            case CORES -> 0.1;
            case PERCENT -> 100;
        };
    }
}
