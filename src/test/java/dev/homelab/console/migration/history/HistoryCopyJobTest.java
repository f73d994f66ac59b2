package dev.homelab.console.migration.history;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryCopyJobTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void jobRunsVmctlRemoteReadOnceWithinRetentionAndUpToTheCutOver() {
        HistoryCopyPlan plan = HistoryCopyPlan.within("http://kps-prometheus.monitoring.svc:9090",
                "http://vmsingle-vmks.monitoring.svc:8428", NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofHours(26)), Duration.ofDays(14), NOW);
        Job job = HistoryCopyJob.build("monitoring", plan);

        var spec = job.getSpec();
        var pod = spec.getTemplate().getSpec();
        assertThat(spec.getBackoffLimit()).as("a retry would import twice").isZero();
        assertThat(spec.getTtlSecondsAfterFinished()).isPositive();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getContainers().get(0).getImage()).startsWith("victoriametrics/vmctl:");
        assertThat(pod.getContainers().get(0).getArgs()).containsSequence("remote-read",
                        "--remote-read-src-addr=http://kps-prometheus.monitoring.svc:9090")
                .contains("--vm-addr=http://vmsingle-vmks.monitoring.svc:8428", "-s",
                        "--remote-read-filter-time-start=2026-11-12T13:00:00Z",
                        "--remote-read-filter-time-end=2026-11-25T10:00:00Z");
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @Test
    void youngPrometheusHistoryIsCopiedFromItsFirstSample() {
        HistoryCopyPlan plan = HistoryCopyPlan.within("p", "v", NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(60),
                Duration.ofDays(14), NOW);
        assertThat(plan.start()).isEqualTo(NOW.minus(Duration.ofDays(3)));
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> new HistoryCopyPlan("p", "v", NOW, NOW, HistoryCopyPlan.DEFAULT_IMAGE))
                .hasMessageContaining("start before end");
    }
}
