package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.history.HistoryCopyJob;
import dev.homelab.console.migration.history.HistoryCopyPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.testing.MockServerLab;
import dev.homelab.console.verify.Verdict;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The history copy step over the mock cluster: skipping, following the vmctl Job to its end, and undo. */
@EnableKubernetesMockClient(crud = true, https = false)
class HistoryCopyStepTest {

    KubernetesClient client;
    @TempDir
    Path home;
    final HistoryCopyStep step = new HistoryCopyStep();

    StepContext context(Map<String, String> settings) {
        return new MockServerLab(client).stepContext(home, HistoryCopyStep.ID, settings);
    }

    void job(boolean succeeded) {
        Job job = HistoryCopyJob.build("monitoring", new HistoryCopyPlan("http://prometheus-operated.monitoring.svc:9090",
                "http://vmsingle-vmks.monitoring.svc:8428", Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-20T00:00:00Z"), HistoryCopyPlan.DEFAULT_IMAGE));
        job.setStatus(succeeded ? new JobStatusBuilder().withSucceeded(1).build()
                : new JobStatusBuilder().withFailed(1).build());
        client.batch().v1().jobs().inNamespace("monitoring").resource(job).create();
    }

    @Test
    void skippedOnRequestSaysSoAndNeverClaimsTheCopy() throws Exception {
        StepContext context = context(Map.of(HistoryCopyStep.COPY_SETTING, "false"));

        assertThat(step.isDone(context)).isTrue();
        assertThat(step.plan(context).changes()).isEmpty();
        assertThat(step.plan(context).summary()).contains("history.copy=false");
        assertThat(step.verify(context, Progress.none())).singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.UNVERIFIED));
    }

    @Test
    void aFinishedJobMakesTheStepDoneAndApplyReturnsWithoutCreatingAnother() throws Exception {
        job(true);
        StepContext context = context(Map.of());

        assertThat(step.isDone(context)).isTrue();
        step.apply(context, null, Progress.none());

        assertThat(client.batch().v1().jobs().inNamespace("monitoring").list().getItems()).hasSize(1);
    }

    @Test
    void aFailedJobFailsTheStepNamingTheJobAndUndoDeletesIt() {
        job(false);
        StepContext context = context(Map.of());

        assertThatThrownBy(() -> step.apply(context, null, Progress.none())).isInstanceOf(StepFailedException.class)
                .hasMessageContaining("monitoring/" + HistoryCopyJob.NAME).hasMessageContaining("Undo");
        step.undo(context, Progress.none());

        assertThat(client.batch().v1().jobs().inNamespace("monitoring").withName(HistoryCopyJob.NAME).get()).isNull();
    }
}
