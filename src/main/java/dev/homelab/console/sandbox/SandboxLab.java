package dev.homelab.console.sandbox;

import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.helm.ReleaseManager;

/**
 * A started simulated home lab: the session the app uses like any cluster's, Helm releases, and the lifecycle that
 * stops the simulation (close it after the session). {@link #world()} gives tests and simulations the controls
 * (node reboots, faults) behind the scenes.
 */
public record SandboxLab(ClusterSession session, ReleaseManager releases, AutoCloseable lifecycle) {

    /** The simulation's side of the lab (kube client of the simulation, clock, scheduler, node control). */
    public SandboxWorld world() {
        return ((RunningLab) lifecycle).world();
    }
}
