package dev.homelab.console.telemetry;

import dev.homelab.console.app.Settings;

import java.time.Duration;

/** Sampling interval and the bounds of the local history, kept in the app's settings. */
public record TelemetrySettings(Duration interval, Duration retention, long maxBytes) {

    public static final TelemetrySettings DEFAULTS =
            new TelemetrySettings(Sampler.DEFAULT_INTERVAL, Duration.ofDays(30), 512L * 1024 * 1024);

    static final String INTERVAL = "telemetry.intervalSeconds";
    static final String RETENTION = "telemetry.retentionDays";
    static final String MAX_SIZE = "telemetry.maxSizeMiB";

    public TelemetrySettings {
        if (interval.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("Sampling interval must be at least 5 s");
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("History must be kept at least 1 day");
        }
        if (maxBytes < 16L * 1024 * 1024) {
            throw new IllegalArgumentException("The history size limit must be at least 16 MiB");
        }
    }

    public static TelemetrySettings load(Settings settings) {
        try {
            return new TelemetrySettings(
                    Duration.ofSeconds((long) settings.getDouble(INTERVAL, DEFAULTS.interval.toSeconds())),
                    Duration.ofDays((long) settings.getDouble(RETENTION, DEFAULTS.retention.toDays())),
                    (long) settings.getDouble(MAX_SIZE, DEFAULTS.maxBytes / (1024.0 * 1024)) * 1024 * 1024);
        } catch (IllegalArgumentException e) {
            return DEFAULTS;
        }
    }

    public void save(Settings settings) {
        settings.putDouble(INTERVAL, interval.toSeconds());
        settings.putDouble(RETENTION, retention.toDays());
        settings.putDouble(MAX_SIZE, maxBytes / (1024.0 * 1024));
    }
}
