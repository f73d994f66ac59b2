package dev.homelab.console.sandbox.loki;

import java.util.Map;

/**
 * One simulated Loki stream: a container of a pod, or a journald unit of a node. Its lines fall on a jittered grid
 * ({@code periodNanos}) that is a pure function of {@code seed}, so any window of its history can be produced again,
 * identically, on demand — by a range query, a metric query or a tail.
 */
record SimStream(Map<String, String> labels, String node, LineStyle style, long seed, long periodNanos,
                 long fromNanos, long untilNanos) {

    SimStream endedAt(long nanos) {
        return new SimStream(labels, node, style, seed, periodNanos, fromNanos, nanos);
    }

    /** Time of slot k: inside [k·period, (k+1)·period). */
    long slotTime(long k) {
        return k * periodNanos + Math.floorMod(mix(seed, k), periodNanos);
    }

    static long mix(long seed, long k) {
        long z = seed + k * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
