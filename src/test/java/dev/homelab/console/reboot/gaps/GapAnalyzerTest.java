package dev.homelab.console.reboot.gaps;

import dev.homelab.console.verify.prom.Sample;
import dev.homelab.console.verify.prom.Series;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gap rules on hand-made raw samples: interval inference, open gaps, down stretches, node attribution. */
class GapAnalyzerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private final TargetNodeResolver nodes = new TargetNodeResolver(Map.of("10.0.0.2", "worker-1",
            "10.0.0.3", "worker-2"));

    @Test
    void infersThe30SecondIntervalAndReportsAMissingStretch() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i < 8 || i > 11) {
                samples.add(new Sample(T0.plusSeconds(30L * i).toEpochMilli(), 1));
            }
        }
        GapReport report = new GapAnalyzer(null).analyse(List.of(series("10.0.0.3:9100", samples)), "up", T0,
                T0.plusSeconds(600), "worker-1", nodes);

        TargetGaps target = report.otherTargets().get(0);
        assertThat(target.node()).isEqualTo("worker-2");
        assertThat(target.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(target.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.from()).isEqualTo(T0.plusSeconds(210));
            assertThat(gap.to()).isEqualTo(T0.plusSeconds(360));
            assertThat(gap.missingScrapes()).isEqualTo(4);
        });
        assertThat(report.gapCountOnOtherNodes()).isEqualTo(1);
    }

    @Test
    void aTargetThatStopsBeforeTheEndHasAnOpenGapAndUpZeroIsADownStretchNotAGap() {
        List<Sample> stopped = new ArrayList<>();
        List<Sample> down = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            stopped.add(new Sample(T0.plusSeconds(30L * i).toEpochMilli(), 1));
        }
        for (int i = 0; i < 20; i++) {
            down.add(new Sample(T0.plusSeconds(30L * i).toEpochMilli(), i >= 5 && i < 9 ? 0 : 1));
        }
        GapReport report = new GapAnalyzer(Duration.ofSeconds(30)).analyse(List.of(series("10.0.0.3:9100", stopped),
                series("10.0.0.2:9100", down)), "up", T0, T0.plusSeconds(600), "worker-1", nodes);

        assertThat(report.otherTargets().get(0).gaps()).singleElement()
                .satisfies(gap -> assertThat(gap.open()).isTrue());
        TargetGaps own = report.rebootedNodeTargets().get(0);
        assertThat(own.gaps()).isEmpty();
        assertThat(own.down()).singleElement().satisfies(stretch -> {
            assertThat(stretch.from()).isEqualTo(T0.plusSeconds(150));
            assertThat(stretch.to()).isEqualTo(T0.plusSeconds(270));
        });
    }

    @Test
    void hostOfInstanceHandlesSchemesPortsAndIpv6() {
        assertThat(TargetNodeResolver.hostOf("https://10.0.0.2:10250/metrics")).isEqualTo("10.0.0.2");
        assertThat(TargetNodeResolver.hostOf("[fd00::2]:9100")).isEqualTo("fd00::2");
        assertThat(TargetNodeResolver.hostOf("worker-1")).isEqualTo("worker-1");
    }

    private static Series series(String instance, List<Sample> samples) {
        return new Series(Map.of("__name__", "up", "job", "node-exporter", "instance", instance), samples);
    }
}
