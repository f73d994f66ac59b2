package dev.homelab.console.reboot.run;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.RebootSandbox;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static dev.homelab.console.reboot.run.RebootTestRunnerTest.claim;
import static dev.homelab.console.reboot.run.RebootTestRunnerTest.settings;
import static dev.homelab.console.reboot.run.RebootTestRunnerTest.summary;
import static dev.homelab.console.reboot.run.RebootTestRunnerTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrated lab with fault {@code vmagent-buffer-emptydir}: vmagent's queue dies with its pod during the storage
 * outage, so the samples of the other nodes are missing from VictoriaMetrics and "metrics complete" is red.
 */
class LossyBufferRebootTest {

    private static SandboxLab lab;

    @TempDir
    Path home;

    @BeforeAll
    static void startLab() {
        lab = RebootSandbox.migrated("- {type: vmagent-buffer-emptydir}");
    }

    @AfterAll
    static void stopLab() throws Exception {
        RebootSandbox.stop(lab);
    }

    @Test
    void lostBufferMakesMetricsIncompleteWithTheGapOnOtherNodes() throws Exception {
        RebootTestRunner runner = new RebootTestRunner(lab.session(), AppDirs.under(home), Clock.systemUTC(),
                Duration.ofMillis(250), Duration.ofSeconds(5));
        String node = runner.plan(settings(null, Duration.ofMinutes(1))).node();

        RebootResult result = runner.run(settings(node, Duration.ofMinutes(1)), new RebootTimeline(), s -> {
        }, Progress.none());

        assertThat(verdict(result, "node-recovered")).isEqualTo(Verdict.PASSED);
        assertThat(verdict(result, "metrics-complete")).as(claim(result, "metrics-complete").toString())
                .isEqualTo(Verdict.FAILED);
        assertThat(claim(result, "metrics-complete").evidence())
                .anySatisfy(e -> assertThat(e.source()).startsWith("gap on ").isNotEqualTo("gap on " + node));
        assertThat(result.overall()).isEqualTo(Verdict.FAILED);
    }
}
