package dev.homelab.console.migration.phase2;

import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.baseline.Baselines;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Before the first change of Phase 2: makes sure a "before" baseline of the cluster's resource usage exists (the
 * telemetry capability captures it from the console's own samples, filled from Prometheus history where needed), so
 * that Phase 5 can show the resource drop. Skips itself when any baseline exists. Changes nothing in the cluster.
 */
public final class BaselineStep implements MigrationStep {

    public static final String ID = "baseline-before";
    static final String CREATED_OUTPUT = "baseline.created";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Capture the \"before\" resource baseline";
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        return List.of(PreflightCheck.ok("baseline-history", "Usage history", existing(context)
                .map(b -> "baseline '" + b.name() + "' exists (captured " + b.created() + ")")
                .orElse("no baseline yet: one is captured over the last "
                        + Baselines.DEFAULT_WINDOW.toMinutes() + " minutes")));
    }

    @Override
    public boolean isDone(StepContext context) {
        return existing(context).isPresent();
    }

    @Override
    public StepPlan plan(StepContext context) {
        if (isDone(context)) {
            return StepPlan.nothingToDo(ID, "A baseline exists already");
        }
        return StepPlan.of(ID, "Capture baseline '" + Telemetry.DEFAULT_BASELINE_NAME + "' over the last "
                + Baselines.DEFAULT_WINDOW.toMinutes() + " minutes (stored locally with the cluster's history)",
                List.of(PlannedChange.simple(ChangeKind.EXTERNAL, "Baseline", "", Telemetry.DEFAULT_BASELINE_NAME,
                        "CPU and memory per node and component, read from the console's samples and, where it"
                                + " did not sample, from Prometheus/VictoriaMetrics history")));
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) {
        Telemetry.EnsuredBaseline ensured = Telemetry.ensureBaseline(context.console(), Baselines.DEFAULT_WINDOW,
                progress);
        ensured.notes().forEach(progress::log);
        if (ensured.created()) {
            context.putOutput(CREATED_OUTPUT, ensured.baseline().name());
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        String title = "A \"before\" baseline exists";
        Optional<Baseline> baseline = existing(context);
        if (baseline.isEmpty()) {
            return List.of(CheckResult.failed("baseline", title, "No baseline is stored for this cluster", List.of()));
        }
        Baseline b = baseline.get();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("baseline '" + b.name() + "'", String.format(Locale.ROOT,
                "%d nodes, %.0f %% of the window covered, %d min", b.window().nodes().size(),
                b.window().coverage() * 100, Duration.ofMillis(b.window().durationMillis()).toMinutes())));
        return List.of(CheckResult.passed("baseline", title, "Baseline '" + b.name() + "' covers "
                + b.window().nodes().size() + " nodes", evidence));
    }

    /** Deletes the baseline only if this step captured it. */
    @Override
    public void undo(StepContext context, Progress progress) {
        Optional<String> created = context.output(ID, CREATED_OUTPUT);
        if (created.isEmpty()) {
            return;
        }
        Optional<Telemetry> live = Telemetry.running(context.console().cluster().identity().clusterId());
        if (live.isPresent()) {
            delete(live.get(), created.get());
            return;
        }
        try (Telemetry telemetry = Telemetry.offline(context.console())) {
            delete(telemetry, created.get());
        }
    }

    private static void delete(Telemetry telemetry, String name) {
        if (telemetry.baselines().get(name).isPresent()) {
            telemetry.baselines().delete(name);
        }
    }

    @Override
    public String undoDescription() {
        return "Deletes the baseline this step captured (a baseline you captured yourself is kept).";
    }

    private static Optional<Baseline> existing(StepContext context) {
        Optional<Telemetry> live = Telemetry.running(context.console().cluster().identity().clusterId());
        if (live.isPresent()) {
            return last(live.get().baselines().list());
        }
        try (Telemetry telemetry = Telemetry.offline(context.console())) {
            return last(telemetry.baselines().list());
        }
    }

    private static Optional<Baseline> last(List<Baseline> baselines) {
        return baselines.isEmpty() ? Optional.empty() : Optional.of(baselines.get(baselines.size() - 1));
    }
}
