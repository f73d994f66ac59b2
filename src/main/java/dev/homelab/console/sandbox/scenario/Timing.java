package dev.homelab.console.sandbox.scenario;

import java.time.Duration;

/**
 * How fast the simulated lab moves.
 *
 * @param tick           how often node and pod usage (metrics.k8s.io) is refreshed; metrics-server's default is 15 s
 * @param podStartup     how long a simulated pod takes from created to Ready (installs, restarts after a reboot)
 * @param notReadyAfter  how long after a reboot starts the node turns NotReady (the kubelet stops posting status)
 * @param rebootDuration how long the node is away before its kubelet posts Ready again with a new boot ID
 */
public record Timing(Duration tick, Duration podStartup, Duration notReadyAfter, Duration rebootDuration) {

    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(3),
            Duration.ofSeconds(20), Duration.ofSeconds(75));

    public Timing withTick(Duration newTick) {
        return new Timing(newTick, podStartup, notReadyAfter, rebootDuration);
    }

    /** The same timing with every delay (not the tick) multiplied by {@code factor}: tests run reboots in milliseconds. */
    public Timing scaled(double factor) {
        return new Timing(tick, scale(podStartup, factor), scale(notReadyAfter, factor), scale(rebootDuration, factor));
    }

    private static Duration scale(Duration d, double factor) {
        return Duration.ofNanos(Math.max(1, (long) (d.toNanos() * factor)));
    }
}
