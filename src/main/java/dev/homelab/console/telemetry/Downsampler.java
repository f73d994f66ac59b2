package dev.homelab.console.telemetry;

/**
 * Reduces a series to what a chart {@code columns} pixels wide can show (M4: first, last, minimum and maximum per
 * pixel column). A week of 15 s samples (40,320 points) becomes at most four values per column, and the drawn line
 * is the same as if every point had been drawn: spikes survive, gaps stay gaps.
 */
public final class Downsampler {

    private Downsampler() {
    }

    /** Per-column values; a column without points has {@code present[c] == false}. */
    public record Columns(int count, boolean[] present, double[] first, double[] last, double[] low, double[] high,
                          boolean[] gapBefore) {

        public int presentCount() {
            int n = 0;
            for (boolean p : present) {
                if (p) {
                    n++;
                }
            }
            return n;
        }
    }

    public static Columns m4(TimeSeries series, long from, long to, int columns) {
        boolean[] present = new boolean[columns];
        double[] first = new double[columns];
        double[] last = new double[columns];
        double[] low = new double[columns];
        double[] high = new double[columns];
        boolean[] gapBefore = new boolean[columns];
        if (columns <= 0 || to <= from) {
            return new Columns(columns, present, first, last, low, high, gapBefore);
        }
        double perColumn = (to - from) / (double) columns;
        int previousColumn = -1;
        for (int i = 0; i < series.size(); i++) {
            long t = series.time(i);
            if (t < from || t > to) {
                continue;
            }
            int c = Math.min(columns - 1, (int) ((t - from) / perColumn));
            double lo = series.low(i);
            double hi = series.high(i);
            if (!present[c]) {
                present[c] = true;
                first[c] = lo;
                low[c] = lo;
                high[c] = hi;
                gapBefore[c] = previousColumn < 0 || series.gapBefore(i);
            } else {
                low[c] = Math.min(low[c], lo);
                high[c] = Math.max(high[c], hi);
            }
            last[c] = hi;
            previousColumn = c;
        }
        return new Columns(columns, present, first, last, low, high, gapBefore);
    }
}
