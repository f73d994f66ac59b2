package dev.homelab.console.sandbox;

import java.time.Duration;
import java.util.Optional;

/**
 * Overrides of the scenario's timing: {@code -Dhomelab.sandbox.tick=2s} (usage refresh) and
 * {@code -Dhomelab.sandbox.timeScale=0.01} (pod start-ups and reboots 100x faster), used by tests and demos.
 */
public record SandboxOptions(Optional<Duration> tick, double timeScale) {

    public static final SandboxOptions NONE = new SandboxOptions(Optional.empty(), 1.0);

    public static SandboxOptions fromSystemProperties() {
        Optional<Duration> tick = Optional.ofNullable(System.getProperty("homelab.sandbox.tick"))
                .filter(s -> !s.isBlank()).map(SandboxOptions::parseDuration);
        String scale = System.getProperty("homelab.sandbox.timeScale");
        double factor = scale == null || scale.isBlank() ? 1.0 : Double.parseDouble(scale);
        if (factor <= 0) {
            throw new IllegalArgumentException("homelab.sandbox.timeScale must be larger than 0, was " + scale);
        }
        return new SandboxOptions(tick, factor);
    }

    /** Fast timing for tests: usage every {@code tick}, everything else {@code timeScale} times as long. */
    public static SandboxOptions fast(Duration tick, double timeScale) {
        return new SandboxOptions(Optional.of(tick), timeScale);
    }

    static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("homelab.sandbox.tick must be a duration like 500ms, 2s or 1m, was '"
                    + text + "'", e);
        }
    }
}
