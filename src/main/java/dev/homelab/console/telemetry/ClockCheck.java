package dev.homelab.console.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Samples are stamped with this computer's clock; the kubelets' timestamps are only used to spot stale readings
 * and clocks that disagree. A kubelet timestamp far from the others' means that node's clock is off (or its metrics
 * are stale); all of them far from ours means this computer's clock differs from the cluster's.
 */
final class ClockCheck {

    static final Duration TOLERANCE = Duration.ofSeconds(90);

    private ClockCheck() {
    }

    static List<String> notes(Map<String, Instant> kubeletTimes, Instant now) {
        List<String> notes = new ArrayList<>();
        if (kubeletTimes.isEmpty()) {
            return notes;
        }
        long[] sorted = kubeletTimes.values().stream().mapToLong(Instant::toEpochMilli).sorted().toArray();
        long median = sorted[sorted.length / 2];
        long clusterOffset = median - now.toEpochMilli();
        if (Math.abs(clusterOffset) > TOLERANCE.toMillis()) {
            notes.add("The cluster's clock differs from this computer's by about " + human(clusterOffset)
                    + "; samples are stamped with this computer's time.");
        }
        kubeletTimes.forEach((node, time) -> {
            long offset = time.toEpochMilli() - median;
            if (Math.abs(offset) > TOLERANCE.toMillis()) {
                notes.add("Node " + node + " reports metrics " + human(offset) + (offset > 0 ? " ahead of" : " behind")
                        + " the other nodes (clock skew or stale metrics); check its time sync (timedatectl).");
            }
        });
        return notes;
    }

    static String human(long millis) {
        long seconds = Math.abs(millis) / 1000;
        return seconds >= 120 ? (seconds / 60) + " min" : seconds + " s";
    }
}
