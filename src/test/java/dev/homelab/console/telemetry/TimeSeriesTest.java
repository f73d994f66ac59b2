package dev.homelab.console.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeSeriesTest {

    @Test
    void hoverFindsTheNearestPointButNothingInsideAGap() {
        TimeSeries series = TimeSeries.of(37_500, new long[]{0, 15_000, 30_000, 300_000},
                new double[]{1, 2, 3, 4});

        assertThat(series.indexAt(16_000)).isEqualTo(1);
        assertThat(series.indexAt(150_000)).isEqualTo(-1);
        assertThat(series.gapBefore(3)).isTrue();
        assertThat(series.gapBefore(2)).isFalse();
    }

    @Test
    void outOfOrderAndNaNPointsAreDroppedAndTheWindowSlides() {
        TimeSeries series = new TimeSeries(2, 37_500);
        series.add(10, 1);
        series.add(5, 9);
        series.add(20, Double.NaN);
        series.add(30, 3);
        series.add(40, 4);
        series.dropBefore(30);

        assertThat(series.size()).isEqualTo(2);
        assertThat(series.firstTime()).isEqualTo(30);
        assertThat(series.high(1)).isEqualTo(4);
    }
}
