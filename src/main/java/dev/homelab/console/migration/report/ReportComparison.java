package dev.homelab.console.migration.report;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.report.ComparisonReport;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;

/**
 * The before/after comparison for the report: the migration's baseline (captured in Phase 2) against the last
 * minutes of the decommission "after" window (setting {@code decommission.afterWindowMinutes}, default 30), from the running telemetry of this cluster or, when none runs, its stored samples.
 */
public final class ReportComparison {

    private ReportComparison() {
    }

    /** @param after the "after" window, the same as the decommission step's resource-drop check uses */
    public static MigrationReport.ComparisonSection of(ConsoleContext console, Duration after, ZoneId zone) {
        String clusterId = console.cluster().identity().clusterId();
        Optional<Telemetry> running = Telemetry.running(clusterId);
        Telemetry telemetry = running.orElseGet(() -> Telemetry.offline(console));
        try {
            Optional<Baseline> baseline = telemetry.baselines().list().stream()
                    .filter(b -> b.name().equals(Telemetry.DEFAULT_BASELINE_NAME)).findFirst()
                    .or(() -> telemetry.baselines().list().stream().min(Comparator.comparing(Baseline::created)));
            if (baseline.isEmpty()) {
                return new MigrationReport.ComparisonSection(Optional.empty(), "No baseline was captured before the "
                        + "migration (Phase 2 step \"baseline-before\"), so there is nothing to compare with.");
            }
            Comparison comparison = telemetry.compare(baseline.get().name(), after);
            return new MigrationReport.ComparisonSection(Optional.of(ComparisonReport.html(comparison,
                    telemetry.store(), console.cluster().identity().contextName(), zone)), null);
        } catch (RuntimeException e) {
            return new MigrationReport.ComparisonSection(Optional.empty(), "The usage history could not be read: "
                    + e.getMessage());
        } finally {
            if (running.isEmpty()) {
                telemetry.close();
            }
        }
    }
}
