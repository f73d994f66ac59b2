package dev.homelab.console.sandbox.loki;

import java.util.SplittableRandom;

/** One produced line of a simulated stream. */
record SimLine(SimStream stream, long nanos, String line) {

    static SimLine at(SimStream stream, long k) {
        long nanos = stream.slotTime(k);
        String component = stream.labels().getOrDefault("container", "app");
        String text = stream.style().line(new SplittableRandom(SimStream.mix(stream.seed(), k + 1)), nanos,
                stream.node(), component);
        return new SimLine(stream, nanos, text);
    }
}
