package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliFailure;
import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.migration.LockHeldException;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code migrate report --out FILE}: writes the migration report (HTML) from the journal and the telemetry. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the migration report (every phase and step with its evidence, and the before/after "
                + "comparison) as one HTML file.")
public final class MigrateReportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the HTML file to write")
    Path out;

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (MigrateSession session = MigrateSession.open(options, null)) {
                Path written = write(session.engine, out);
                CliSupport.print(options, Map.of("report", written.toString()),
                        "Migration report written to " + written);
                return ExitCodes.OK;
            } catch (LockHeldException e) {
                throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage());
            }
        });
    }

    static Path write(MigrationEngine engine, Path file) {
        try {
            return ReportWriter.write(engine, file);
        } catch (java.io.UncheckedIOException e) {
            throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage());
        }
    }
}
