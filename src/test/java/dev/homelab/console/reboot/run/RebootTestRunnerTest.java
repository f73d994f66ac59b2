package dev.homelab.console.reboot.run;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.reboot.RebootLab;
import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.sandbox.reboot.NodeRebootSimulation;
import dev.homelab.console.sandbox.reboot.ScrapePipelineModel;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole reboot test against the mock server with the simulated node reboot: the timeline comes from watches,
 * cleanup always happens, and the verdicts follow what the simulation did (buffered, fast, lossy, never back).
 */
class RebootTestRunnerTest {

    private static final NodeRebootSimulation.Timing TIMING = new NodeRebootSimulation.Timing(
            Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1));

    @TempDir
    Path home;
    private RebootLab lab;

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void rebootOfTheStorageNodeIsBufferedCompleteAndRecovered() throws Exception {
        lab = new RebootLab(Set.of(), TIMING);
        List<TimelineEvent> live = new CopyOnWriteArrayList<>();
        RebootTimeline timeline = new RebootTimeline();
        timeline.addListener(live::add);

        RebootResult result = runner().run(settings(Duration.ofSeconds(30)), timeline, s -> {
        }, Progress.none());

        assertThat(milestones(result)).containsSubsequence(Milestone.REBOOT_REQUESTED, Milestone.NODE_NOT_READY,
                Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY, Milestone.AGENT_PODS_READY, Milestone.TARGETS_UP);
        assertThat(live).extracting(TimelineEvent::milestone).contains(Milestone.NODE_EVENT);
        assertThat(verdict(result, "node-recovered")).isEqualTo(Verdict.PASSED);
        assertThat(verdict(result, "metrics-buffered")).isEqualTo(Verdict.PASSED);
        assertThat(verdict(result, "metrics-complete")).isEqualTo(Verdict.PASSED);
        assertThat(claim(result, "metrics-complete").evidence())
                .anySatisfy(e -> assertThat(e.source()).isEqualTo("expected gap on worker-1"));
        assertThat(verdict(result, "logs-complete")).isEqualTo(Verdict.UNVERIFIED);
        assertCleanedUp();
        assertThat(Path.of(result.reportFile())).exists();
        assertThat(Files.readString(Path.of(result.reportFile()))).contains("<svg").contains("Boot ID changed");
        assertThat(new RebootResultStore(AppDirs.under(home)).last()).get()
                .satisfies(saved -> assertThat(saved.claims()).hasSameSizeAs(result.claims()));
    }

    @Test
    void fastRebootThatNeverShowsNotReadyIsRecognisedByTheBootId() throws Exception {
        lab = new RebootLab(Set.of(NodeRebootSimulation.FAULT_FAST), TIMING);

        RebootResult result = runner().run(settings(Duration.ofSeconds(30)), new RebootTimeline(), s -> {
        }, Progress.none());

        assertThat(milestones(result)).doesNotContain(Milestone.NODE_NOT_READY)
                .containsSubsequence(Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY, Milestone.AGENT_PODS_READY);
        assertThat(result.timeline()).filteredOn(e -> e.milestone() == Milestone.NODE_READY).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("fast reboot"));
        assertThat(verdict(result, "node-recovered")).isEqualTo(Verdict.PASSED);
    }

    @Test
    void lostBufferMakesMetricsIncompleteWithTheGapOnOtherNodes() throws Exception {
        lab = new RebootLab(Set.of(ScrapePipelineModel.FAULT_BUFFER_LOST), TIMING);

        RebootResult result = runner().run(settings(Duration.ofSeconds(30)), new RebootTimeline(), s -> {
        }, Progress.none());

        assertThat(verdict(result, "metrics-complete")).isEqualTo(Verdict.FAILED);
        assertThat(claim(result, "metrics-complete").evidence())
                .anySatisfy(e -> assertThat(e.source()).isEqualTo("gap on worker-2"));
        assertThat(result.overall()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void nodeThatNeverReturnsTimesOutWithAClearStateAndIsCleanedUp() throws Exception {
        lab = new RebootLab(Set.of(NodeRebootSimulation.FAULT_NEVER_RETURNS), TIMING);

        RebootResult result = runner().run(settings(Duration.ofSeconds(6)), new RebootTimeline(), s -> {
        }, Progress.none());

        assertThat(milestones(result)).contains(Milestone.NODE_NOT_READY, Milestone.TIMED_OUT)
                .doesNotContain(Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY);
        CheckResult recovered = claim(result, "node-recovered");
        assertThat(recovered.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(recovered.summary()).contains("did not come back within").contains("boot ID unchanged");
        assertCleanedUp();
    }

    private RebootTestRunner runner() {
        return new RebootTestRunner(lab.session(), AppDirs.under(home), Clock.systemUTC(), Duration.ofMillis(250),
                Duration.ofSeconds(3));
    }

    private static RebootSettings settings(Duration timeout) {
        return new RebootSettings("worker-1", true, timeout, true);
    }

    private void assertCleanedUp() {
        assertThat(lab.kube().pods().inNamespace(RebootNamespace.NAME).withName(RebootPod.name("worker-1")).get())
                .isNull();
        var spec = lab.kube().nodes().withName("worker-1").get().getSpec();
        assertThat(spec == null ? null : spec.getUnschedulable()).isNotEqualTo(true);
        assertThat(lab.kube().leases().inNamespace(RebootNamespace.NAME).withName(RebootLock.NAME).get()).isNull();
    }

    private static List<Milestone> milestones(RebootResult result) {
        return result.timeline().stream().map(TimelineEvent::milestone)
                .filter(m -> m != Milestone.NOTE && m != Milestone.NODE_EVENT).toList();
    }

    private static CheckResult claim(RebootResult result, String id) {
        return result.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static Verdict verdict(RebootResult result, String id) {
        return claim(result, id).verdict();
    }
}
