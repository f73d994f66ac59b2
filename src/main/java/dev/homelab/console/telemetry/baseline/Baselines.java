package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.util.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capture, list, rename and delete baselines of one cluster's history. Names are unique per cluster.
 * The migration wizard calls {@link dev.homelab.console.telemetry.Telemetry#ensureBaseline} (which also fills the
 * window from PromQL history when the app did not sample it) rather than this class directly.
 */
public final class Baselines {

    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(60);

    private final SampleStore store;
    private final Clock clock;

    public Baselines(SampleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Captures the window ending now. */
    public Baseline capture(String name, Duration window) {
        Instant to = clock.instant();
        return capture(name, to.minus(window), to);
    }

    public Baseline capture(String name, Instant from, Instant to) {
        String checked = checkName(name);
        if (get(checked).isPresent()) {
            throw new IllegalArgumentException("A baseline named '" + checked + "' already exists: pick another name"
                    + " or delete it first.");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("The window must end after it starts (" + from + " .. " + to + ")");
        }
        WindowSummary summary = new WindowAnalyzer(store).summarize(from.toEpochMilli(), to.toEpochMilli());
        if (summary.nodes().isEmpty()) {
            throw new NoSamplesException("No samples between " + from + " and " + to + " in " + store.status().describe()
                    + ". Keep Homelab Console connected while the cluster runs normally (it samples every 15 s), or"
                    + " make Prometheus/VictoriaMetrics reachable so the window can be read from its history.");
        }
        Baseline baseline = new Baseline(checked, clock.instant(), summary);
        store.putBaseline(checked, baseline.created().toEpochMilli(), Json.JSON.writeValueAsString(baseline));
        return baseline;
    }

    public List<Baseline> list() {
        List<Baseline> result = new ArrayList<>();
        for (Map.Entry<String, String> entry : store.baselines().entrySet()) {
            result.add(Json.JSON.readValue(entry.getValue(), Baseline.class));
        }
        return result;
    }

    public Optional<Baseline> get(String name) {
        String json = store.baselines().get(name);
        return json == null ? Optional.empty() : Optional.of(Json.JSON.readValue(json, Baseline.class));
    }

    public void rename(String from, String to) {
        Baseline baseline = get(from).orElseThrow(() -> new IllegalArgumentException("No baseline named '" + from
                + "'. Known: " + names()));
        String checked = checkName(to);
        if (get(checked).isPresent()) {
            throw new IllegalArgumentException("A baseline named '" + checked + "' already exists.");
        }
        Baseline renamed = new Baseline(checked, baseline.created(), baseline.window());
        store.putBaseline(checked, renamed.created().toEpochMilli(), Json.JSON.writeValueAsString(renamed));
        store.deleteBaseline(from);
    }

    public void delete(String name) {
        if (!store.deleteBaseline(name)) {
            throw new IllegalArgumentException("No baseline named '" + name + "'. Known: " + names());
        }
    }

    public List<String> names() {
        return List.copyOf(store.baselines().keySet());
    }

    static String checkName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 80 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A baseline name needs 1 to 80 printable characters, e.g. 'before"
                    + " migration'; got '" + name + "'");
        }
        return trimmed;
    }

    /** The window held no samples at all. */
    public static final class NoSamplesException extends IllegalStateException {
        public NoSamplesException(String message) {
            super(message);
        }
    }
}
