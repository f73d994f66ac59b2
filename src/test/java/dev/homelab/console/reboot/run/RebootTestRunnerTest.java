package dev.homelab.console.reboot.run;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.RebootSandbox;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole reboot test on the shared sandbox after the migration (lab {@code migrated}): the real reboot pod makes
 * the sandbox's node control reboot the worker, the timeline comes from watches on the simulated node, and the
 * verdicts come from the shared VictoriaMetrics simulations (raw-sample export, vmagent's /metrics) and the
 * simulated Loki. One lab for the class; the node that never returns is rebooted last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebootTestRunnerTest {

    private static final String NEVER_RETURNS = "pi-worker-3";
    private static SandboxLab lab;

    @TempDir
    Path home;

    @BeforeAll
    static void startLab() {
        lab = RebootSandbox.migrated("- {type: node-never-returns, node: " + NEVER_RETURNS + "}");
    }

    @AfterAll
    static void stopLab() throws Exception {
        RebootSandbox.stop(lab);
    }

    @Test
    @Order(1)
    void rebootOfTheStorageNodeIsBufferedCompleteAndRecovered() throws Exception {
        RebootPlan plan = runner().plan(settings(null, Duration.ofMinutes(1)));
        String node = plan.node();
        assertThat(node).isNotEqualTo(NEVER_RETURNS).isNotEqualTo("pi-server");
        List<TimelineEvent> live = new CopyOnWriteArrayList<>();
        RebootTimeline timeline = new RebootTimeline();
        timeline.addListener(live::add);
        String bootBefore = lab.world().nodes().bootId(node).orElseThrow();

        RebootResult result = runner().run(settings(node, Duration.ofMinutes(1)), timeline, s -> {
        }, Progress.none());

        assertThat(lab.world().nodes().bootId(node)).get().isNotEqualTo(bootBefore);
        assertThat(milestones(result)).containsSubsequence(Milestone.REBOOT_REQUESTED, Milestone.NODE_NOT_READY,
                Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY, Milestone.AGENT_PODS_READY, Milestone.TARGETS_UP);
        assertThat(live).extracting(TimelineEvent::milestone).contains(Milestone.NODE_EVENT);
        assertThat(verdict(result, "node-recovered")).isEqualTo(Verdict.PASSED);
        assertThat(verdict(result, "metrics-buffered")).as(summary(result, "metrics-buffered"))
                .isEqualTo(Verdict.PASSED);
        assertThat(verdict(result, "metrics-complete")).as(summary(result, "metrics-complete"))
                .isEqualTo(Verdict.PASSED);
        assertThat(claim(result, "metrics-complete").evidence())
                .anySatisfy(e -> assertThat(e.source()).isEqualTo("expected gap on " + node));
        assertCleanedUp(node);
        assertThat(Path.of(result.reportFile())).exists();
        assertThat(Files.readString(Path.of(result.reportFile()))).contains("<svg").contains("Boot ID changed");
        assertThat(new RebootResultStore(AppDirs.under(home)).last()).get()
                .satisfies(saved -> assertThat(saved.claims()).hasSameSizeAs(result.claims()));
    }

    @Test
    @Order(2)
    void nodeThatNeverReturnsTimesOutWithAClearStateAndIsCleanedUp() throws Exception {
        RebootResult result = runner().run(settings(NEVER_RETURNS, Duration.ofSeconds(6)), new RebootTimeline(),
                s -> {
                }, Progress.none());

        assertThat(milestones(result)).contains(Milestone.NODE_NOT_READY, Milestone.TIMED_OUT)
                .doesNotContain(Milestone.BOOT_ID_CHANGED, Milestone.NODE_READY);
        CheckResult recovered = claim(result, "node-recovered");
        assertThat(recovered.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(recovered.summary()).contains("did not come back within").contains("boot ID unchanged");
        assertCleanedUp(NEVER_RETURNS);
    }

    private RebootTestRunner runner() {
        return new RebootTestRunner(lab.session(), AppDirs.under(home), Clock.systemUTC(), Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }

    static RebootSettings settings(String node, Duration timeout) {
        return new RebootSettings(node, true, timeout, true);
    }

    private static void assertCleanedUp(String node) {
        KubernetesClient kube = lab.world().kube();
        assertThat(kube.pods().inNamespace(RebootNamespace.NAME).withName(RebootPod.name(node)).get()).isNull();
        var spec = kube.nodes().withName(node).get().getSpec();
        assertThat(spec == null ? null : spec.getUnschedulable()).isNotEqualTo(true);
        assertThat(kube.leases().inNamespace(RebootNamespace.NAME).withName(RebootLock.NAME).get()).isNull();
    }

    static List<Milestone> milestones(RebootResult result) {
        return result.timeline().stream().map(TimelineEvent::milestone)
                .filter(m -> m != Milestone.NOTE && m != Milestone.NODE_EVENT).toList();
    }

    static CheckResult claim(RebootResult result, String id) {
        return result.claims().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static String summary(RebootResult result, String id) {
        return claim(result, id).summary();
    }

    static Verdict verdict(RebootResult result, String id) {
        return claim(result, id).verdict();
    }
}
