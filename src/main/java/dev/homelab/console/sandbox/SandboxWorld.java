package dev.homelab.console.sandbox;

import dev.homelab.console.sandbox.scenario.MinioSpec;
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

    /** The lab's MinIO: credentials and the buckets that exist (a missing-bucket fault has removed its bucket). */
    default MinioSpec minio() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no MinIO");
    }

    /**
     * How much faster than real time the lab runs (1.0 real time; tests use e.g. 0.01). Simulations scale their own
     * periods with it, e.g. the 30 s scrape interval, so a reboot of a few hundred milliseconds still spans scrapes.
     */
    default double timeScale() {
        return 1.0;
    }

    /** Node power control (reboots, nodes that never return). */
    default NodeControl nodes() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " simulates no nodes");
    }

    /**
     * Whether the Service exists and at least one pod behind it is Ready: what a simulation checks before it
     * accepts data for a backend (e.g. vmagent buffering while vmsingle's node is down).
     */
    default boolean serviceReady(String namespace, String name) {
        var endpoints = kube().endpoints().inNamespace(namespace).withName(name).get();
        return endpoints != null && endpoints.getSubsets() != null && endpoints.getSubsets().stream()
                .anyMatch(s -> s.getAddresses() != null && !s.getAddresses().isEmpty());
    }

    /** Whether a workload whose pods carry this usage profile ("vmsingle", "prometheus", "vector", ...) exists. */
    default boolean runs(String profile) {
        return kube().pods().inAnyNamespace().list().getItems().stream()
                .anyMatch(p -> p.getMetadata().getAnnotations() != null
                        && profile.equals(p.getMetadata().getAnnotations().get("sandbox.homelab.dev/profile")));
    }
}
