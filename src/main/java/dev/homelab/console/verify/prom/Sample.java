package dev.homelab.console.verify.prom;

/** One value at one time (epoch milliseconds). NaN values are kept: callers decide what they mean. */
public record Sample(long timestampMillis, double value) {
}
