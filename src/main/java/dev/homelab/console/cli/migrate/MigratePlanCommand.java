package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.cli.OutputFormat;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code migrate plan}: preflight and plan (with masked values and diffs) of a phase, a step, or everything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what the migration would change: preflight checks and the plan with values diffs.%n"
                + "Exit 1 when a step is blocked.")
public final class MigratePlanCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();
    @Mixin
    MigrationOptions migrationOptions = new MigrationOptions();

    @Option(names = "--phase", paramLabel = "N", description = "only this phase")
    Integer phase;

    @Option(names = "--step", paramLabel = "ID", description = "only this step")
    String step;

    @Option(names = "--write", paramLabel = "FILE", description = "write the plan to FILE instead of printing it")
    Path write;

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (MigrateSession session = MigrateSession.open(options, migrationOptions)) {
                List<MigrationStep> steps = CliSupport.usage(() -> StepReport.select(session.engine, phase, step));
                List<StepReport> reports = new ArrayList<>();
                for (MigrationStep selected : steps) {
                    session.progress.update("Planning " + selected.title(), -1);
                    reports.add(StepReport.of(session.engine, selected));
                }
                String rendered = render(reports);
                if (write != null) {
                    Files.writeString(write, rendered);
                    System.err.println("Plan written to " + write);
                } else {
                    System.out.print(rendered);
                }
                return reports.stream().anyMatch(StepReport::blocked) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
            }
        });
    }

    private String render(List<StepReport> reports) {
        if (options.output == OutputFormat.json) {
            return Json.PRETTY.writeValueAsString(reports) + System.lineSeparator();
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        reports.forEach(report -> PlanText.printStep(report, out));
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
