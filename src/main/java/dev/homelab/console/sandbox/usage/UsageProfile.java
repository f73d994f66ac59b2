package dev.homelab.console.sandbox.usage;

/**
 * How much a component's pod uses: a typical working set and CPU, and how far they wander. Figures follow what
 * these components use on a small home lab (about 100k active series, a few GB of logs per day).
 */
public record UsageProfile(long memoryMiB, long memorySwingMiB, long cpuMillis, long cpuSwingMillis) {
}
