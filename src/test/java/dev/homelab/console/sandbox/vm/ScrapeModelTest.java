package dev.homelab.console.sandbox.vm;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeModelTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final ScrapeModel.Target WORKER = new ScrapeModel.Target("kubelet", "pi-worker-1",
            "10.0.0.11:10250", "/metrics");
    private static final ScrapeModel.Target SERVER = new ScrapeModel.Target("kubelet", "pi-server",
            "10.0.0.10:10250", "/metrics");

    private final MutableClock clock = new MutableClock(T0);

    private ScrapeModel model(boolean emptyDir) {
        return new ScrapeModel(clock, T0, Duration.ofSeconds(30), () -> List.of(WORKER, SERVER), () -> "pi-server",
                emptyDir);
    }

    @Test
    void everyThirtySecondsEachTargetHasASampleOfUpOne() {
        ScrapeModel model = model(false);
        clock.now = T0.plus(Duration.ofMinutes(10));
        List<ScrapeModel.Point> points = model.storedUp(WORKER, T0, clock.now);
        assertThat(points).hasSize(21).allSatisfy(p -> assertThat(p.value()).isEqualTo(1.0));
        assertThat(points.get(1).timestampMillis() - points.get(0).timestampMillis()).isEqualTo(30_000);
    }

    @Test
    void aRebootedWorkerScrapesUpZeroWhileVmagentsNodeDownLeavesAGap() {
        ScrapeModel model = model(false);
        model.nodeDown("pi-worker-1", T0.plusSeconds(120));
        model.nodeUp("pi-worker-1", T0.plusSeconds(240));
        model.nodeDown("pi-server", T0.plusSeconds(360));
        model.nodeUp("pi-server", T0.plusSeconds(420));
        clock.now = T0.plusSeconds(600);

        List<ScrapeModel.Point> worker = model.storedUp(WORKER, T0, clock.now);
        assertThat(worker).filteredOn(p -> p.value() == 0.0).hasSize(4);
        assertThat(worker).extracting(ScrapeModel.Point::timestampMillis)
                .doesNotContain(T0.plusSeconds(360).toEpochMilli(), T0.plusSeconds(390).toEpochMilli());
    }

    @Test
    void aStorageOutageQueuesOnDiskAndLeavesNoGapOnceDrained() {
        ScrapeModel model = model(false);
        model.storageDown(T0.plusSeconds(120));
        clock.now = T0.plusSeconds(300);
        assertThat(model.pendingBytes()).isGreaterThan(0);
        assertThat(model.storedUp(WORKER, T0, clock.now)).hasSize(4);

        model.vmagentRestarted(T0.plusSeconds(200));
        model.storageUp(T0.plusSeconds(300));
        clock.now = T0.plusSeconds(330);

        assertThat(model.pendingBytes()).isZero();
        assertThat(model.droppedBytes()).isZero();
        assertThat(model.storedUp(WORKER, T0, clock.now)).hasSize(12);
    }

    @Test
    void anEmptyDirBufferLosesTheQueueWhenVmagentRestartsDuringTheOutage() {
        ScrapeModel model = model(true);
        model.storageDown(T0.plusSeconds(120));
        model.vmagentRestarted(T0.plusSeconds(200));
        model.storageUp(T0.plusSeconds(300));
        clock.now = T0.plusSeconds(330);

        List<ScrapeModel.Point> stored = model.storedUp(WORKER, T0, clock.now);
        assertThat(stored).extracting(ScrapeModel.Point::timestampMillis)
                .doesNotContain(T0.plusSeconds(120).toEpochMilli(), T0.plusSeconds(180).toEpochMilli())
                .contains(T0.plusSeconds(210).toEpochMilli(), T0.plusSeconds(300).toEpochMilli());
        assertThat(model.droppedBytes()).isGreaterThan(0);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
