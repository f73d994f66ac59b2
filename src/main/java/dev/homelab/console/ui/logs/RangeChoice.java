package dev.homelab.console.ui.logs;

import java.time.Duration;

/** The query window presets, plus "absolute" for a from/to the user types. */
enum RangeChoice {
    LAST_5_MINUTES("Last 5 minutes", Duration.ofMinutes(5)),
    LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("Last 1 hour", Duration.ofHours(1)),
    LAST_3_HOURS("Last 3 hours", Duration.ofHours(3)),
    LAST_6_HOURS("Last 6 hours", Duration.ofHours(6)),
    LAST_12_HOURS("Last 12 hours", Duration.ofHours(12)),
    LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
    LAST_2_DAYS("Last 2 days", Duration.ofDays(2)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7)),
    ABSOLUTE("Absolute…", null);

    final String label;
    final Duration period;

    RangeChoice(String label, Duration period) {
        this.label = label;
        this.period = period;
    }

    @Override
    public String toString() {
        return label;
    }
}
