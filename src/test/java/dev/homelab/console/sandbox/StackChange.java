package dev.homelab.console.sandbox;

import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.task.Progress;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The migration's Helm work on the sandbox lab, for rehearsals: Phases 2–3 add victoria-metrics-k8s-stack (its
 * node-exporter off while kube-prometheus-stack's holds host port 9100) and Vector; Phase 5 removes Alloy and
 * kube-prometheus-stack. The lab's simulated metrics-server follows what is installed.
 */
public final class StackChange {

    private static final URI VM_REPO = URI.create("https://victoriametrics.github.io/helm-charts/");
    private static final URI VECTOR_REPO = URI.create("https://helm.vector.dev");

    private StackChange() {
    }

    public static void installNewStack(ReleaseManager helm) throws Exception {
        helm.addOrUpdateRepository("vm", VM_REPO);
        helm.addOrUpdateRepository("vector", VECTOR_REPO);
        HelmRelease vm = helm.installOrUpgrade(new ReleaseRequest("vmks", "monitoring",
                new ChartRef("vm", VM_REPO, "victoria-metrics-k8s-stack", "0.91.2"),
                Map.of("grafana", Map.of("enabled", false),
                        "prometheus-node-exporter", Map.of("enabled", false),
                        "vmsingle", Map.of("spec", Map.of("retentionPeriod", "14d",
                                "storage", Map.of("storageClassName", "local-path"))),
                        "vmagent", Map.of("spec", Map.of("scrapeInterval", "30s"))),
                true, Duration.ofMinutes(1)), Progress.none());
        HelmRelease vector = helm.installOrUpgrade(new ReleaseRequest("vector", "monitoring",
                new ChartRef("vector", VECTOR_REPO, "vector", "0.57.0"), Map.of("role", "Agent"), true,
                Duration.ofMinutes(1)), Progress.none());
        if (!vm.deployed() || !vector.deployed()) {
            throw new IllegalStateException("the new stack did not deploy: " + vm.status() + ", " + vector.status());
        }
    }

    /** Phase 5's uninstalls straight through Helm (the engine test goes through the decommission step instead). */
    public static void removeOldStack(ReleaseManager helm) throws Exception {
        helm.uninstall("monitoring", "alloy", Progress.none());
        helm.uninstall("monitoring", "kube-prometheus-stack", Progress.none());
    }
}
