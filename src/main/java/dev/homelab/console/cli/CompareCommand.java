package dev.homelab.console.cli;

import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.telemetry.report.ComparisonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code compare --baseline NAME --after 30m [--report FILE.html]}: before vs after, per node and component. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a baseline with the last --after window: per node and in total, memory and CPU; per"
                + " component what is gone and what was added. Changes within the windows' own variation are"
                + " reported as 'no clear change'.")
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();
    @Option(names = "--baseline", required = true, paramLabel = "NAME")
    String baseline;
    @Option(names = "--after", defaultValue = "30m", converter = ShortDuration.class, paramLabel = "DURATION",
            description = "the window ending now to compare (default: ${DEFAULT-VALUE})")
    Duration after;
    @Option(names = "--report", paramLabel = "FILE.html", description = "also write a self-contained HTML report")
    Path report;
    @Option(names = "--sample", converter = ShortDuration.class, paramLabel = "DURATION",
            description = "sample metrics.k8s.io live for this long first (when the app has not been running)")
    Duration sample;

    @Override
    public Integer call() {
        return OfflineTelemetry.run(options, (connected, telemetry) -> {
            if (telemetry.baselines().get(baseline).isEmpty()) {
                throw new CliFailure(ExitCodes.USAGE, "No baseline named '" + baseline + "'. Known: "
                        + telemetry.baselines().names());
            }
            if (sample != null) {
                BaselineCommand.sampleLive(connected, telemetry, sample, CliSupport.progress(options));
            }
            Instant now = Instant.now();
            telemetry.fillFromPromQL(now.minus(after), now, CliSupport.progress(options));
            Comparison comparison = telemetry.compare(baseline, after);
            if (comparison.after().nodes().isEmpty()) {
                throw new CliFailure(ExitCodes.OPERATION_FAILED, "No samples in the last " + after.toMinutes()
                        + " min: keep the app connected, or add --sample 10m.");
            }
            if (report != null) {
                Files.writeString(report, ComparisonReport.html(comparison, telemetry.store(),
                        connected.context().cluster().identity().contextName(), ZoneId.systemDefault()));
                System.err.println("Report written to " + report.toAbsolutePath());
            }
            CliSupport.print(options, comparison,
                    () -> System.out.print(ComparisonReport.text(comparison, ZoneId.systemDefault())));
            return ExitCodes.OK;
        });
    }
}
