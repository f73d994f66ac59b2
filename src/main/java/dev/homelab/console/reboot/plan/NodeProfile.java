package dev.homelab.console.reboot.plan;

import java.util.List;

/** What the guard rails know about one node. */
public record NodeProfile(String name, boolean controlPlane, boolean ready, boolean unschedulable, String bootId,
                          List<String> addresses, List<HostedPod> monitoring, List<PinnedVolume> pinnedVolumes) {

    public NodeProfile {
        addresses = List.copyOf(addresses);
        monitoring = List.copyOf(monitoring);
        pinnedVolumes = List.copyOf(pinnedVolumes);
    }

    public boolean hosts(MonitoringComponent component) {
        return monitoring.stream().anyMatch(p -> p.component() == component);
    }

    /** Hosts the component in a pod that is not one-per-node (a DaemonSet's copy elsewhere keeps going). */
    public boolean hostsSingle(MonitoringComponent component) {
        return monitoring.stream().anyMatch(p -> p.component() == component && !p.daemonSet());
    }
}
