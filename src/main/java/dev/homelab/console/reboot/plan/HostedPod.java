package dev.homelab.console.reboot.plan;

/** A monitoring pod on a node, and whether a DaemonSet runs it (one per node, so it never moves elsewhere). */
public record HostedPod(MonitoringComponent component, String namespace, String name, boolean daemonSet) {
}
