package dev.homelab.console.telemetry;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void meanP95MaxAndStandardDeviationOfAKnownWindow() {
        double[] values = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        Stats stats = Stats.of(values);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.mean()).isEqualTo(50.5);
        assertThat(stats.p95()).isEqualTo(95);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.stddev()).isCloseTo(29.011, within(0.001));
    }

    @Test
    void nanSamplesAreIgnoredAndAnEmptyWindowIsEmpty() {
        assertThat(Stats.of(new double[]{Double.NaN, 4, Double.NaN, 6}).mean()).isEqualTo(5);
        assertThat(Stats.of(new double[0]).isEmpty()).isTrue();
        assertThat(Stats.of(new double[]{7}).stddev()).isZero();
    }
}
