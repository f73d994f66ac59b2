package dev.homelab.console.telemetry.history;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a window in which the app took no samples (between ticks further apart than the gap), kept one
 * interval away from the app's own samples so a fill never overwrites them.
 */
final class MissingRanges {

    private MissingRanges() {
    }

    static List<long[]> find(long[] ticks, long from, long to, long gapMillis, long marginMillis) {
        List<long[]> missing = new ArrayList<>();
        long previous = from;
        long margin = 0;
        for (long tick : ticks) {
            if (tick - previous > gapMillis) {
                missing.add(new long[]{previous + margin, tick - marginMillis});
            }
            previous = tick;
            margin = marginMillis;
        }
        if (to - previous > gapMillis) {
            missing.add(new long[]{previous + margin, to});
        }
        return missing;
    }
}
