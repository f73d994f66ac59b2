package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.Phase;
import dev.homelab.console.migration.StepRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code migrate status}: every phase and step as journaled in the cluster, and who holds the lock. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state of every phase and step (from the journal in the cluster) and the lock holder.")
public final class MigrateStatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();

    /** JSON shape of {@code migrate status --output json}. */
    record StatusReport(String context, String lockHolder, List<PhaseStatus> phases) {
    }

    record PhaseStatus(int number, String title, String state, List<StepStatus> steps) {
    }

    record StepStatus(String title, StepRecord record) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (MigrateSession session = MigrateSession.open(options, null)) {
                StatusReport report = collect(session.engine);
                CliSupport.print(options, report, () -> printText(report));
                return ExitCodes.OK;
            }
        });
    }

    private static void printText(StatusReport report) {
        System.out.println("Migration of " + report.context()
                + (report.lockHolder() == null ? "" : " — in progress by " + report.lockHolder()));
        for (PhaseStatus phase : report.phases()) {
            System.out.println("Phase " + phase.number() + " — " + phase.title() + ": " + phase.state());
            phase.steps().forEach(s -> PlanText.printRecord(s.title(), s.record(), System.out));
        }
    }

    static StatusReport collect(MigrationEngine engine) {
        List<PhaseStatus> phases = engine.migration().phases().stream().map(phase -> phaseStatus(engine, phase))
                .toList();
        return new StatusReport(engine.console().cluster().identity().contextName(),
                engine.lockHolder().orElse(null), phases);
    }

    private static PhaseStatus phaseStatus(MigrationEngine engine, Phase phase) {
        List<StepStatus> steps = phase.steps().stream()
                .map((MigrationStep s) -> new StepStatus(s.title(), engine.record(s.id()))).toList();
        return new PhaseStatus(phase.number(), phase.title(), engine.phaseState(phase).label(), steps);
    }
}
