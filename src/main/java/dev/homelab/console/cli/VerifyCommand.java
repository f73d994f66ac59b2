package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.now.VerifyNow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code verify}: the plan's four checks with their evidence — for a nightly {@code verify --output json} from cron.
 * Exit 1 when any check is red; "could not verify" is reported but does not fail the run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run the four checks now: up for every node, kube-system logs in Loki, a test alert reaching "
                + "Pushover, the last reboot test. Exit 1 when any is red.")
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();

    @Option(names = "--pushover-timeout", paramLabel = "SECONDS", defaultValue = "90",
            description = "how long to wait for Alertmanager to notify Pushover (default: ${DEFAULT-VALUE})")
    long pushoverTimeoutSeconds;

    /** JSON shape of {@code verify --output json}. */
    public record VerifyReport(boolean red, List<CheckResult> checks) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (Connector.Connected connected = CliSupport.connect(options)) {
                List<CheckResult> results = new VerifyNow(connected.context().cluster(), connected.context().dirs(),
                        Clock.systemUTC(), Duration.ofSeconds(pushoverTimeoutSeconds))
                        .run(CliSupport.progress(options));
                boolean red = VerifyNow.anyFailed(results);
                CliSupport.print(options, new VerifyReport(red, results), () -> print(results));
                if (red) {
                    throw new CliFailure(ExitCodes.CHECK_FAILED, results.stream().filter(r -> !r.passed()
                            && r.verdict() == dev.homelab.console.verify.Verdict.FAILED).map(CheckResult::title)
                            .reduce((a, b) -> a + "; " + b).orElse("") + " failed");
                }
                return ExitCodes.OK;
            }
        });
    }

    static void print(List<CheckResult> results) {
        for (CheckResult result : results) {
            System.out.println(mark(result) + " " + result.title());
            System.out.println("    " + result.summary());
            for (Evidence evidence : result.evidence()) {
                System.out.println("      · " + evidence.source() + ": " + evidence.observation());
            }
        }
    }

    static String mark(CheckResult result) {
        return switch (result.verdict()) {
            case PASSED -> "[PASSED]    ";
            case FAILED -> "[FAILED]    ";
            case UNVERIFIED -> "[UNVERIFIED]";
        };
    }
}
