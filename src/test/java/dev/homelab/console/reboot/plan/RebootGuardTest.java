package dev.homelab.console.reboot.plan;

import dev.homelab.console.reboot.run.RebootLock;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard rails against fabric8's mock server (CRUD): what they propose, explain and refuse. */
class RebootGuardTest {

    private GuardCluster lab;
    private RebootGuard guard;

    @BeforeEach
    void start() throws Exception {
        lab = new GuardCluster();
        guard = new RebootGuard(lab.kube(), new RebootLock(lab.kube(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    @Test
    void proposesTheWorkerThatHostsTheStorageButNotTheAgent() {
        RebootPlan plan = guard.plan(RebootSettings.defaults().withAcceptDowntime(true));

        assertThat(plan.proposedNode()).isEqualTo("worker-1");
        assertThat(plan.node()).isEqualTo("worker-1");
        assertThat(plan.proposalReason()).contains("vmsingle and Loki but not vmagent");
        assertThat(plan.exercisesMetricsBuffer()).isTrue();
        assertThat(plan.exercisesLogsBuffer()).isTrue();
        assertThat(plan.meaning()).anySatisfy(line -> assertThat(line).contains("tests metrics buffering"));
        assertThat(plan.allowed()).isTrue();
    }

    @Test
    void explainsThatRebootingTheAgentsNodeDoesNotTestBuffering() {
        lab.node("server-2", "10.0.0.9", true);
        lab.pod("monitoring", "vmagent-vmks-1", "worker-2", "vmagent", "ReplicaSet", "vmagent-vmks-7c9a");

        RebootPlan plan = guard.plan(RebootSettings.defaults().withNode("worker-2"));

        assertThat(plan.exercisesMetricsBuffer()).isFalse();
        assertThat(plan.meaning()).anySatisfy(line -> assertThat(line).contains("vmagent itself runs here"));
    }

    @Test
    void refusesTheOnlyControlPlaneNode() {
        RebootPlan plan = guard.plan(RebootSettings.defaults().withNode("server-1").withAcceptDowntime(true));

        assertThat(plan.allowed()).isFalse();
        assertThat(plan.refusals()).extracting(Refusal::reason).contains(Refusal.Reason.ONLY_CONTROL_PLANE);
    }

    @Test
    void refusesWhileAnotherNodeIsNotReady() {
        lab.kube().nodes().withName("worker-2").editStatus(n -> new NodeBuilder(n).editStatus().editFirstCondition()
                .withStatus("Unknown").endCondition().endStatus().build());

        RebootPlan plan = guard.plan(RebootSettings.defaults().withNode("worker-1").withAcceptDowntime(true));

        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Refusal.Reason.OTHER_NODE_NOT_READY);
            assertThat(r.message()).contains("worker-2");
        });
    }

    @Test
    void refusesWhileAnotherTestHoldsTheLock() throws Exception {
        dev.homelab.console.reboot.run.RebootNamespace.ensure(lab.kube());
        new RebootLock(lab.kube(), Clock.systemUTC()).acquire("other-console", "worker-2");

        RebootPlan plan = guard.plan(RebootSettings.defaults().withNode("worker-1").withAcceptDowntime(true));

        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Refusal.Reason.TEST_RUNNING);
            assertThat(r.message()).contains("other-console").contains("worker-2");
        });
    }

    @Test
    void refusesWhenADisruptionBudgetWouldBeViolated() {
        lab.kube().policy().v1().podDisruptionBudget().inNamespace("loki").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("loki").withNamespace("loki").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/name", "loki").endSelector()
                .withNewMinAvailable(1).endSpec()
                .withNewStatus().withDisruptionsAllowed(0).withCurrentHealthy(1).withDesiredHealthy(1)
                .withExpectedPods(1).endStatus().build()).create();

        RebootPlan plan = guard.plan(RebootSettings.defaults().withNode("worker-1").withAcceptDowntime(true));

        assertThat(plan.refusals()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Refusal.Reason.DISRUPTION_BUDGET);
            assertThat(r.message()).contains("loki/loki").contains("allows 0");
        });
    }

    @Test
    void refusesUnreplicatedWorkloadsUntilTheDowntimeIsAccepted() {
        RebootPlan refused = guard.plan(RebootSettings.defaults().withNode("worker-1"));
        RebootPlan accepted = guard.plan(RebootSettings.defaults().withNode("worker-1").withAcceptDowntime(true));

        assertThat(refused.unreplicated()).extracting(UnreplicatedWorkload::display)
                .containsExactlyInAnyOrder("Deployment monitoring/vmsingle-vmks", "StatefulSet loki/loki");
        assertThat(refused.refusals()).extracting(Refusal::reason).containsExactly(Refusal.Reason.DOWNTIME_NOT_ACCEPTED);
        assertThat(accepted.allowed()).isTrue();
        assertThat(accepted.steps()).anySatisfy(step -> assertThat(step).contains("nsenter -t 1 -m -u -i -n -p -- "
                + "systemctl reboot"));
    }
}
