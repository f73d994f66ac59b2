package dev.homelab.console.sandbox;

import dev.homelab.console.sandbox.charts.Chart;
import dev.homelab.console.sandbox.charts.ChartCatalog;
import dev.homelab.console.sandbox.charts.KubeSystem;
import dev.homelab.console.sandbox.charts.LokiChart;
import dev.homelab.console.sandbox.charts.Objects;
import dev.homelab.console.sandbox.charts.Values;
import dev.homelab.console.sandbox.cluster.NodeFactory;
import dev.homelab.console.sandbox.cluster.Placement;
import dev.homelab.console.sandbox.cluster.ReleaseIdentity;
import dev.homelab.console.sandbox.cluster.WorkloadSpec;
import dev.homelab.console.sandbox.scenario.NodeSpec;
import dev.homelab.console.sandbox.scenario.ReleaseSpec;
import dev.homelab.console.sandbox.scenario.Scenario;
import dev.homelab.console.sandbox.scenario.StorageClassSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates the lab a scenario describes, through the fabric8 client: nodes, namespaces, k3s's own add-ons, releases. */
final class LabBuilder {

    static final List<String> BASE_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease",
            "homelab-console");

    private final LabWorld world;
    private final ChartCatalog catalog;
    private final ReleaseDeployer deployer;

    LabBuilder(LabWorld world, ChartCatalog catalog, ReleaseDeployer deployer) {
        this.world = world;
        this.catalog = catalog;
        this.deployer = deployer;
    }

    void build() {
        KubernetesClient kube = world.kube();
        Scenario scenario = world.scenario();
        for (String ns : BASE_NAMESPACES) {
            ReleaseDeployer.ensureNamespace(kube, ns);
        }
        for (NodeSpec node : scenario.nodes()) {
            boolean ready = !scenario.faults().notReadyNodes().contains(node.name());
            kube.resource(NodeFactory.node(node, scenario.k3sVersion(), ready, world.clock().instant())).create();
        }
        for (StorageClassSpec sc : scenario.storageClasses()) {
            kube.resource(new StorageClassBuilder().withNewMetadata().withName(sc.name())
                    .addToAnnotations("storageclass.kubernetes.io/is-default-class", Boolean.toString(sc.isDefault()))
                    .endMetadata().withProvisioner(sc.provisioner())
                    .withReclaimPolicy("Delete").withAllowVolumeExpansion(!sc.provisioner().contains("local-path"))
                    .withVolumeBindingMode(sc.provisioner().contains("local-path") ? "WaitForFirstConsumer"
                            : "Immediate").build()).create();
        }
        Placement placement = world.installer().placement();
        for (WorkloadSpec spec : KubeSystem.workloads(!scenario.faults().noMetricsServer())) {
            world.installer().install(spec, "kube-system", Optional.empty(), true, placement);
        }
        for (ReleaseSpec release : scenario.releases()) {
            Chart chart = catalog.chart(release.chart()).orElseThrow();
            if (chart instanceof LokiChart) {
                createS3CredentialSecrets(kube, release);
            }
            ReleaseIdentity identity = new ReleaseIdentity(release.name(), release.namespace(), chart.name(),
                    release.version(), release.appVersion().isEmpty() ? chart.appVersion(release.version())
                    : release.appVersion());
            deployer.deploy(chart, identity, release.values(), 1, "Install complete", true, placement);
        }
    }

    /**
     * The Secrets Loki's values point at ({@code global.extraEnvFrom[].secretRef.name}) hold the MinIO credentials,
     * created by the user before installing Loki, as the chart's docs describe.
     */
    private void createS3CredentialSecrets(KubernetesClient kube, ReleaseSpec release) {
        ReleaseDeployer.ensureNamespace(kube, release.namespace());
        for (Object ref : new Values(release.values()).list("global.extraEnvFrom")) {
            Object name = ref instanceof Map<?, ?> m && m.get("secretRef") instanceof Map<?, ?> s ? s.get("name") : null;
            if (name == null) {
                continue;
            }
            Secret secret = Objects.secret(name.toString(), Map.of("app.kubernetes.io/part-of", "loki"),
                    Map.of("MINIO_ACCESS_KEY_ID", world.scenario().minio().accessKey(),
                            "MINIO_SECRET_ACCESS_KEY", world.scenario().minio().secretKey()));
            secret.getMetadata().setNamespace(release.namespace());
            ReleaseDeployer.createIfAbsent(kube, secret);
        }
    }
}
