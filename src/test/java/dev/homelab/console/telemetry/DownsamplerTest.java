package dev.homelab.console.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DownsamplerTest {

    private static final long INTERVAL = 15_000;

    @Test
    void aWeekOfSamplesBecomesAtMostOneColumnPerPixelAndKeepsTheSpike() {
        long from = 0;
        int points = 7 * 24 * 240;
        TimeSeries series = new TimeSeries(points, INTERVAL * 5 / 2);
        for (int i = 0; i < points; i++) {
            series.add(from + i * INTERVAL, i == 12_345 ? 9_000 : 1_000 + (i % 7));
        }
        Downsampler.Columns columns = Downsampler.m4(series, from, from + points * INTERVAL, 1000);

        assertThat(columns.count()).isEqualTo(1000);
        assertThat(columns.presentCount()).isEqualTo(1000);
        double highest = 0;
        double lowest = Double.MAX_VALUE;
        for (int c = 0; c < columns.count(); c++) {
            highest = Math.max(highest, columns.high()[c]);
            lowest = Math.min(lowest, columns.low()[c]);
        }
        assertThat(highest).isEqualTo(9_000);
        assertThat(lowest).isEqualTo(1_000);
    }

    @Test
    void aMissingStretchIsAGapNotAZeroAndNotBridged() {
        TimeSeries series = new TimeSeries(16, INTERVAL * 5 / 2);
        for (int i = 0; i < 10; i++) {
            series.add(i * INTERVAL, 500);
        }
        for (int i = 30; i < 40; i++) {
            series.add(i * INTERVAL, 700);
        }
        Downsampler.Columns columns = Downsampler.m4(series, 0, 40 * INTERVAL, 40);

        for (int c = 10; c < 30; c++) {
            assertThat(columns.present()[c]).as("column %d", c).isFalse();
        }
        assertThat(columns.gapBefore()[30]).isTrue();
        assertThat(columns.gapBefore()[5]).isFalse();
        assertThat(columns.low()[30]).isEqualTo(700);
    }

    @Test
    void sparseButContinuousDataIsConnectedAcrossEmptyColumns() {
        TimeSeries series = new TimeSeries(4, 300_000);
        series.add(0, 1);
        series.add(120_000, 2);
        Downsampler.Columns columns = Downsampler.m4(series, 0, 120_000, 100);

        assertThat(columns.presentCount()).isEqualTo(2);
        assertThat(columns.gapBefore()[99]).isFalse();
    }

    @Test
    void pointsOutsideTheWindowAreIgnored() {
        TimeSeries series = TimeSeries.of(40_000, new long[]{0, 15_000, 30_000}, new double[]{1, 2, 3});
        Downsampler.Columns columns = Downsampler.m4(series, 10_000, 20_000, 10);

        assertThat(columns.presentCount()).isEqualTo(1);
        assertThat(columns.gapBefore()[5]).isTrue();
    }
}
