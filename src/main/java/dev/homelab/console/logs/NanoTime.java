package dev.homelab.console.logs;

import java.time.Instant;

/** Loki speaks nanoseconds since the epoch. */
public final class NanoTime {

    private NanoTime() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static String param(Instant instant) {
        return Long.toString(of(instant));
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
