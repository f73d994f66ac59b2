package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.MigrationSettings;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The two adjustable numbers of Phase 5: how long VictoriaMetrics must have held data before the old stack may go,
 * and how long the "after" window of the resource-drop comparison is. A rehearsal in the sandbox lowers both.
 */
public final class DecommissionSettings {

    public static final String MIN_HISTORY_HOURS = "decommission.minimumHistoryHours";
    public static final String AFTER_WINDOW_MINUTES = "decommission.afterWindowMinutes";
    public static final Duration DEFAULT_AFTER_WINDOW = Duration.ofMinutes(30);

    private DecommissionSettings() {
    }

    public static Duration minimumHistory(MigrationSettings settings) {
        return read(settings, MIN_HISTORY_HOURS, ChronoUnit.HOURS, 0).orElse(DecommissionGate.DEFAULT_MINIMUM_HISTORY);
    }

    public static Duration afterWindow(MigrationSettings settings) {
        return read(settings, AFTER_WINDOW_MINUTES, ChronoUnit.MINUTES, 1).orElse(DEFAULT_AFTER_WINDOW);
    }

    private static Optional<Duration> read(MigrationSettings settings, String key, ChronoUnit unit, long minimum) {
        Optional<String> text = settings.extra(key).map(String::trim).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < minimum) {
            throw new IllegalArgumentException("The setting " + key + " must be a whole number of "
                    + unit.toString().toLowerCase(java.util.Locale.ROOT) + " ≥ " + minimum + ", not '" + text.get()
                    + "'. Change it with --set " + key + "=N (or in the wizard's Phase 5 settings).");
        }
        return Optional.of(Duration.of(value, unit));
    }
}
