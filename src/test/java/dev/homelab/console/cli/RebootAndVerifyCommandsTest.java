package dev.homelab.console.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The reboot-test and verify commands are registered and read their options as documented. */
class RebootAndVerifyCommandsTest {

    @Test
    void commandsAreRegisteredWithTheirSubcommands() {
        CommandLine root = new CommandLine(new HomelabConsoleCommand());

        assertThat(root.getSubcommands()).containsKeys("reboot-test", "verify");
        assertThat(root.getSubcommands().get("reboot-test").getSubcommands()).containsKeys("plan", "run");
        assertThat(HomelabConsoleCommand.isCommand(new String[]{"verify", "-o", "json"})).isTrue();
    }

    @Test
    void runReadsNodeTimeoutCordonConfirmationAndReport() {
        CommandLine root = new CommandLine(new HomelabConsoleCommand());
        CommandLine.ParseResult parsed = root.parseArgs("reboot-test", "run", "--node", "worker-2", "--timeout", "5",
                "--no-cordon", "--accept-downtime", "--yes", "--report", "out.html", "-o", "json");

        RebootTestCommand.Run run = (RebootTestCommand.Run) parsed.subcommand().subcommand().commandSpec().userObject();
        var settings = run.test.settings();
        assertThat(settings.node()).isEqualTo("worker-2");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.cordon()).isFalse();
        assertThat(settings.acceptDowntime()).isTrue();
        assertThat(run.yes).isTrue();
        assertThat(run.report).isEqualTo(Path.of("out.html"));
        assertThat(run.options.output).isEqualTo(OutputFormat.json);
    }

    @Test
    void planDefaultsToTheProposedNodeTenMinutesAndCordon() {
        CommandLine root = new CommandLine(new HomelabConsoleCommand());
        CommandLine.ParseResult parsed = root.parseArgs("reboot-test", "plan");

        RebootTestCommand.Plan plan = (RebootTestCommand.Plan) parsed.subcommand().subcommand().commandSpec()
                .userObject();
        var settings = plan.test.settings();
        assertThat(settings.node()).isNull();
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.cordon()).isTrue();
        assertThat(settings.acceptDowntime()).isFalse();
    }
}
