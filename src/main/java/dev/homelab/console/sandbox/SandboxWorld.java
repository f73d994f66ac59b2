package dev.homelab.console.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated home lab as its simulations see it: the mock cluster (through a fabric8 client that talks to the
 * mock server), the clock, a scheduler for simulation ticks, and the scenario's faults.
 */
public interface SandboxWorld {

    KubernetesClient kube();

    Clock clock();

    ScheduledExecutorService scheduler();

    /** Fault names switched on by the scenario (e.g. "vmagent-buffer-emptydir", "loki-down"). */
    Set<String> faults();

    default boolean hasFault(String name) {
        return faults().contains(name);
    }
}
