package dev.homelab.console.telemetry;

import java.util.Arrays;

/**
 * Points of one series, ascending in time. Each point has a low and a high value: equal for raw samples, the
 * bucket's minimum and maximum for pre-aggregated ranges (so a downsampled line still shows every spike).
 * Two consecutive points further apart than {@link #gapMillis()} have a gap between them: drawn as a gap, never
 * bridged, never zero.
 */
public final class TimeSeries {

    private long[] t;
    private double[] lo;
    private double[] hi;
    private int size;
    private final long gapMillis;

    public TimeSeries(int capacity, long gapMillis) {
        this.t = new long[Math.max(capacity, 4)];
        this.lo = new double[t.length];
        this.hi = new double[t.length];
        this.gapMillis = gapMillis;
    }

    public static TimeSeries of(long gapMillis, long[] times, double[] values) {
        TimeSeries series = new TimeSeries(times.length, gapMillis);
        for (int i = 0; i < times.length; i++) {
            series.add(times[i], values[i]);
        }
        return series;
    }

    public void add(long time, double value) {
        add(time, value, value);
    }

    /** Appends a point; a point not after the last one is ignored (duplicates, clock steps). */
    public void add(long time, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return;
        }
        if (size > 0 && time <= t[size - 1]) {
            return;
        }
        if (size == t.length) {
            int capacity = t.length * 2;
            t = Arrays.copyOf(t, capacity);
            lo = Arrays.copyOf(lo, capacity);
            hi = Arrays.copyOf(hi, capacity);
        }
        t[size] = time;
        lo[size] = low;
        hi[size] = high;
        size++;
    }

    /** Drops points before {@code time} (keeps the window bounded while live). */
    public void dropBefore(long time) {
        int first = 0;
        while (first < size && t[first] < time) {
            first++;
        }
        if (first > 0) {
            System.arraycopy(t, first, t, 0, size - first);
            System.arraycopy(lo, first, lo, 0, size - first);
            System.arraycopy(hi, first, hi, 0, size - first);
            size -= first;
        }
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return t[i];
    }

    public double low(int i) {
        return lo[i];
    }

    public double high(int i) {
        return hi[i];
    }

    public long gapMillis() {
        return gapMillis;
    }

    /** True when there is a gap between point i-1 and point i. */
    public boolean gapBefore(int i) {
        return i > 0 && t[i] - t[i - 1] > gapMillis;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long firstTime() {
        return t[0];
    }

    public long lastTime() {
        return t[size - 1];
    }

    /** The point at or just before {@code time} within one gap distance, or -1. */
    public int indexAt(long time) {
        int index = Arrays.binarySearch(t, 0, size, time);
        if (index >= 0) {
            return index;
        }
        int before = -index - 2;
        int after = before + 1;
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int candidate : new int[]{before, after}) {
            if (candidate >= 0 && candidate < size && Math.abs(t[candidate] - time) < bestDistance) {
                best = candidate;
                bestDistance = Math.abs(t[candidate] - time);
            }
        }
        return bestDistance <= gapMillis ? best : -1;
    }
}
