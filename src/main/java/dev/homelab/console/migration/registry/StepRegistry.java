package dev.homelab.console.migration.registry;

import dev.homelab.console.migration.Migration;
import dev.homelab.console.migration.MigrationPlanBuilder;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.phase1.HelmRepositoriesStep;
import dev.homelab.console.migration.phase1.MinioBucketsStep;

/**
 * The migration this console performs. Each capability registers its steps here, one line each, in the order they
 * run; the phase a step belongs to comes from {@link MigrationStep#phase()}. (Its own package, so that the engine
 * package does not depend on the phases' step packages, which depend on it.)
 */
public final class StepRegistry {

    private StepRegistry() {
    }

    public static Migration standard() {
        return new MigrationPlanBuilder()
                .phase(1, "Helm repositories and MinIO buckets")
                .phase(2, "Metrics pipeline (VictoriaMetrics)")
                .phase(3, "Logs pipeline (Vector to Loki)")
                .phase(4, "Grafana datasources and dashboards")
                .phase(5, "Decommission kube-prometheus-stack and Alloy")
                // Phase 1 — engine
                .step(new HelmRepositoriesStep())
                .step(new MinioBucketsStep())
                // Phase 2 — metrics
                .step(new dev.homelab.console.migration.phase2.BaselineStep())
                .step(new dev.homelab.console.migration.phase2.PushoverSecretStep())
                .step(new dev.homelab.console.migration.phase2.VmStackInstallStep())
                .step(new dev.homelab.console.migration.phase2.PushoverTestStep())
                // Phases 3–5
                .step(new dev.homelab.console.migration.phase3.LokiReviewStep())
                .step(new dev.homelab.console.migration.phase3.VectorAgentStep())
                .step(new dev.homelab.console.migration.phase4.GrafanaDatasourcesStep())
                .step(new dev.homelab.console.migration.decommission.DecommissionStep())
                .step(new dev.homelab.console.migration.decommission.LeftoversStep())
                .build();
    }
}
