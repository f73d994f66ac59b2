package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.StepContext;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.baseline.Change;
import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The point of the migration, measured: the "before" baseline against the last 30 minutes (adjustable: {@link
 * DecommissionSettings#AFTER_WINDOW_MINUTES}), from the console's own
 * usage history (metrics.k8s.io samples), with the comparison's noise rule deciding what counts as a drop.
 */
final class ResourceDrop {

    static final String ID = "resource-drop";
    static final String TITLE = "Node memory dropped after the old stack left";

    private ResourceDrop() {
    }

    static CheckResult check(StepContext context) {
        Duration after = DecommissionSettings.afterWindow(context.settings());
        Optional<java.time.Instant> removed = removedAt(context);
        if (removed.isPresent() && removed.get().plus(after).isAfter(java.time.Instant.now())) {
            return CheckResult.unverified(ID, TITLE, "the old stack was removed at " + seconds(removed.get()) + "; the after "
                    + "window needs " + after.toMinutes() + " minutes of usage after that — verify again from "
                    + seconds(removed.get().plus(after)), List.of());
        }
        Optional<Telemetry> running = Telemetry.running(context.cluster().identity().clusterId());
        Telemetry telemetry = running.orElseGet(() -> Telemetry.offline(context.console()));
        try {
            Optional<Baseline> baseline = telemetry.baselines().list().stream()
                    .filter(b -> b.name().equals(Telemetry.DEFAULT_BASELINE_NAME)).findFirst()
                    .or(() -> telemetry.baselines().list().stream().min(Comparator.comparing(Baseline::created)));
            if (baseline.isEmpty()) {
                return CheckResult.unverified(ID, TITLE, "no baseline was captured before the migration, so there is "
                        + "nothing to compare with", List.of());
            }
            Comparison comparison = telemetry.compare(baseline.get().name(), after);
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence("memory, all nodes (baseline '" + baseline.get().name() + "' vs last "
                    + after.toMinutes() + " min)", describe(comparison.totalMemory())));
            evidence.add(new Evidence("CPU, all nodes", describeCpu(comparison.totalCpu())));
            comparison.gone().forEach(c -> evidence.add(new Evidence("gone: " + c.label(),
                    mib(c.memory().before()) + " MiB")));
            comparison.added().forEach(c -> evidence.add(new Evidence("added: " + c.label(),
                    mib(c.memory().after()) + " MiB")));
            comparison.flags().forEach(f -> evidence.add(new Evidence("note", f)));
            Change memory = comparison.totalMemory();
            return switch (memory.verdict()) {
                case DECREASED -> CheckResult.passed(ID, TITLE, mib(-memory.absolute()) + " MiB less memory in use ("
                        + String.format(Locale.ROOT, "%.0f %%", -memory.relative() * 100) + ")", evidence);
                case NOT_ENOUGH_DATA, GONE -> CheckResult.unverified(ID, TITLE, "not enough usage samples in the "
                        + "baseline or in the last " + after.toMinutes() + " minutes (keep the console connected, or "
                        + "sample with `compare --sample`)", evidence);
                default -> CheckResult.failed(ID, TITLE, "memory " + memory.verdict().text() + " ("
                        + describe(memory) + ")", evidence);
            };
        } catch (RuntimeException e) {
            return CheckResult.unverified(ID, TITLE, "the usage history could not be read: " + e.getMessage(),
                    List.of());
        } finally {
            if (running.isEmpty()) {
                telemetry.close();
            }
        }
    }

    /** When the uninstall started (journal of the decommission step), if it ran. */
    private static Optional<java.time.Instant> removedAt(StepContext context) {
        var journal = new dev.homelab.console.migration.MigrationJournal(context.kube(), context.dirs(),
                context.cluster().identity().clusterId()).load();
        return Optional.ofNullable(journal.step(DecommissionStep.ID, 5).startedAt());
    }

    private static java.time.Instant seconds(java.time.Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private static String describe(Change change) {
        return mib(change.before()) + " MiB → " + mib(change.after()) + " MiB (" + change.verdict().text() + ")";
    }

    private static String describeCpu(Change change) {
        return String.format(Locale.ROOT, "%.2f → %.2f cores (%s)", change.before(), change.after(),
                change.verdict().text());
    }

    private static long mib(double bytes) {
        return Math.round(bytes / (1024 * 1024));
    }
}
