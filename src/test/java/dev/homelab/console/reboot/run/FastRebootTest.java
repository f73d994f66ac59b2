package dev.homelab.console.reboot.run;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.RebootSandbox;
import dev.homelab.console.reboot.timeline.Milestone;
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

import static dev.homelab.console.reboot.run.RebootTestRunnerTest.milestones;
import static dev.homelab.console.reboot.run.RebootTestRunnerTest.settings;
import static dev.homelab.console.reboot.run.RebootTestRunnerTest.verdict;
import static org.assertj.core.api.Assertions.assertThat;

/** A Pi that is back before the node-monitor grace period never shows NotReady: the new boot ID is the proof. */
class FastRebootTest {

    private static SandboxLab lab;

    @TempDir
    Path home;

    @BeforeAll
    static void startLab() {
        lab = RebootSandbox.migrated(yaml -> yaml.replace("notReadyAfter: 20s", "notReadyAfter: 200s"));
    }

    @AfterAll
    static void stopLab() throws Exception {
        RebootSandbox.stop(lab);
    }

    @Test
    void fastRebootThatNeverShowsNotReadyIsRecognisedByTheBootId() throws Exception {
        RebootTestRunner runner = new RebootTestRunner(lab.session(), AppDirs.under(home), Clock.systemUTC(),
                Duration.ofMillis(250), Duration.ofSeconds(5));

        RebootResult result = runner.run(settings("pi-worker-2", Duration.ofMinutes(1)), new RebootTimeline(), s -> {
        }, Progress.none());

        assertThat(milestones(result)).doesNotContain(Milestone.NODE_NOT_READY)
                .containsSubsequence(Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY, Milestone.AGENT_PODS_READY);
        assertThat(result.timeline()).filteredOn(e -> e.milestone() == Milestone.NODE_READY).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("fast reboot"));
        assertThat(verdict(result, "node-recovered")).isEqualTo(Verdict.PASSED);
    }
}
