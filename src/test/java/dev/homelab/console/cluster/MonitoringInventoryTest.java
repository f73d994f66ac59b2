package dev.homelab.console.cluster;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.cluster.Inventory.LokiDetails;
import dev.homelab.console.cluster.Inventory.MonitoringRelease;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Inventory against the CRUD mock with Helm release Secrets in Helm's own format and the workloads they made. */
@EnableKubernetesMockClient(crud = true, https = false)
class MonitoringInventoryTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final String S3_SECRET = "minio-secret-key-Xy12345678";

    /** User values of a Loki 6.55 single-binary install on MinIO, keys as in the chart's values.yaml. */
    static final Map<String, Object> LOKI_655_SINGLE_BINARY = Map.of(
            "deploymentMode", "SingleBinary",
            "loki", Map.of(
                    "auth_enabled", false,
                    "commonConfig", Map.of("replication_factor", 1),
                    "schemaConfig", Map.of("configs", List.of(
                            Map.of("from", "2023-01-01", "store", "boltdb-shipper", "object_store", "s3",
                                    "schema", "v12", "index", Map.of("prefix", "index_", "period", "24h")),
                            Map.of("from", "2024-04-01", "store", "tsdb", "object_store", "s3", "schema", "v13",
                                    "index", Map.of("prefix", "loki_index_", "period", "24h")))),
                    "storage", Map.of("type", "s3",
                            "bucketNames", Map.of("chunks", "loki-chunks", "ruler", "loki-data"),
                            "s3", Map.of("endpoint", "minio.minio.svc:9000", "s3ForcePathStyle", true,
                                    "insecure", true, "accessKeyId", "loki", "secretAccessKey", S3_SECRET))),
            "singleBinary", Map.of("replicas", 1, "persistence", Map.of("storageClass", "local-path")),
            "read", Map.of("replicas", 0), "write", Map.of("replicas", 0), "backend", Map.of("replicas", 0),
            "chunksCache", Map.of("enabled", false), "resultsCache", Map.of("enabled", false),
            "minio", Map.of("enabled", false));

    @BeforeAll
    static void lab() {
        release("kps", "monitoring", "kube-prometheus-stack", "88.5.3", "v0.93.1",
                Map.of("prometheus", Map.of("prometheusSpec", Map.of("retention", "10d"))));
        release("alloy", "monitoring", "alloy", "1.2.1", "v1.10.2", Map.of("alloy", Map.of("clustering",
                Map.of("enabled", false))));
        release("logs", "loki", "loki", "6.55.0", "3.6.7", LOKI_655_SINGLE_BINARY);
        release("grafana", "grafana", "grafana", "10.1.4", "12.1.1", Map.of("persistence", Map.of("enabled", true)));
        release("minio", "minio", "minio", "5.4.0", "RELEASE.2024-12-18T13-15-44Z", Map.of("mode", "standalone"));
        release("cert-manager", "cert-manager", "cert-manager", "v1.18.2", "v1.18.2", Map.of());
        // an older, superseded revision must not hide the latest one
        client.secrets().resource(HelmReleaseSecrets.encode(new HelmRelease("logs", "loki", 1, "superseded", "loki",
                "6.30.0", "3.5.0", Map.of(), "", Instant.parse("2025-01-01T00:00:00Z"), ""))).create();

        create(new DeploymentBuilder().withMetadata(meta("kps-operator", "monitoring",
                        Map.of("app.kubernetes.io/instance", "kps", "app.kubernetes.io/name", "kube-prometheus-stack-operator"),
                        Map.of())).withNewSpec().withReplicas(1).withTemplate(template("quay.io/prometheus-operator/prometheus-operator:v0.93.1"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new StatefulSetBuilder().withMetadata(meta("prometheus-kps-prometheus", "monitoring",
                        Map.of("app.kubernetes.io/managed-by", "prometheus-operator",
                                "app.kubernetes.io/instance", "kps-prometheus", "app.kubernetes.io/name", "prometheus"),
                        Map.of())).withNewSpec().withReplicas(1).withTemplate(template("quay.io/prometheus/prometheus:v3.5.0"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DaemonSetBuilder().withMetadata(meta("kps-prometheus-node-exporter", "monitoring",
                        Map.of("release", "kps", "app.kubernetes.io/name", "prometheus-node-exporter"), Map.of()))
                .withNewSpec().withTemplate(template("quay.io/prometheus/node-exporter:v1.9.1")).endSpec()
                .withNewStatus().withDesiredNumberScheduled(4).withNumberReady(4).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("kps-kube-state-metrics", "monitoring", Map.of(),
                        Map.of("meta.helm.sh/release-name", "kps", "meta.helm.sh/release-namespace", "monitoring")))
                .withNewSpec().withReplicas(1).withTemplate(template("registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.16.0"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DaemonSetBuilder().withMetadata(meta("alloy", "monitoring",
                        Map.of("app.kubernetes.io/instance", "alloy", "app.kubernetes.io/name", "alloy"), Map.of()))
                .withNewSpec().withTemplate(template("grafana/alloy:v1.10.2")).endSpec()
                .withNewStatus().withDesiredNumberScheduled(4).withNumberReady(3).endStatus().build());
        create(new StatefulSetBuilder().withMetadata(meta("logs", "loki",
                        Map.of("app.kubernetes.io/instance", "logs", "app.kubernetes.io/component", "single-binary"),
                        Map.of())).withNewSpec().withReplicas(1).withTemplate(template("grafana/loki:3.6.7"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("logs-gateway", "loki",
                        Map.of("app.kubernetes.io/instance", "logs"), Map.of())).withNewSpec().withReplicas(1)
                .withTemplate(template("nginxinc/nginx-unprivileged:1.29-alpine")).endSpec()
                .withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("grafana", "grafana",
                        Map.of("app.kubernetes.io/instance", "grafana", "app.kubernetes.io/name", "grafana"), Map.of()))
                .withNewSpec().withReplicas(1).withTemplate(template("grafana/grafana:12.1.1")).endSpec()
                .withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("minio", "minio",
                        Map.of("release", "minio", "app", "minio"), Map.of()))
                .withNewSpec().withReplicas(1).withTemplate(template("quay.io/minio/minio:RELEASE.2024-12-18T13-15-44Z"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("metrics-server", "kube-system",
                        Map.of("k8s-app", "metrics-server", "objectset.rio.cattle.io/hash", "e2f1a6c9"),
                        Map.of("objectset.rio.cattle.io/id", "")))
                .withNewSpec().withReplicas(1).withTemplate(template("rancher/mirrored-metrics-server:v0.8.0"))
                .endSpec().withNewStatus().withReadyReplicas(1).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("prometheus-server", "legacy", Map.of("app", "prometheus"),
                        Map.of())).withNewSpec().withReplicas(1).withTemplate(template("prom/prometheus:v2.53.0"))
                .endSpec().withNewStatus().withReadyReplicas(0).endStatus().build());
        create(new DeploymentBuilder().withMetadata(meta("coredns", "kube-system", Map.of("k8s-app", "kube-dns"),
                        Map.of())).withNewSpec().withReplicas(1).withTemplate(template("rancher/mirrored-coredns-coredns:1.12.3"))
                .endSpec().build());
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("local-path").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata().withProvisioner("rancher.io/local-path").withReclaimPolicy("Delete")
                .withVolumeBindingMode("WaitForFirstConsumer").build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("longhorn").endMetadata().withProvisioner("driver.longhorn.io").withReclaimPolicy("Delete")
                .withVolumeBindingMode("Immediate").build()).create();
    }

    @Test
    void findsTheMonitoringReleasesTheirWorkloadsMetricsServerAndStorage() throws Exception {
        Inventory inventory = new MonitoringInventory(client).scan(Progress.none());

        assertThat(inventory.releases()).extracting(MonitoringRelease::component).containsExactly(
                MonitoringComponent.KUBE_PROMETHEUS_STACK, MonitoringComponent.ALLOY, MonitoringComponent.LOKI,
                MonitoringComponent.GRAFANA, MonitoringComponent.MINIO);
        MonitoringRelease kps = inventory.release(MonitoringComponent.KUBE_PROMETHEUS_STACK).orElseThrow();
        assertThat(kps.name()).isEqualTo("kps");
        assertThat(kps.chartVersion()).isEqualTo("88.5.3");
        assertThat(kps.workloads()).extracting(Inventory.Workload::name).containsExactlyInAnyOrder("kps-operator",
                "prometheus-kps-prometheus", "kps-prometheus-node-exporter", "kps-kube-state-metrics");
        assertThat(kps.workloads()).filteredOn(w -> w.name().equals("kps-kube-state-metrics"))
                .extracting(Inventory.Workload::matchedBy).containsExactly("annotation meta.helm.sh/release-name");
        assertThat(kps.notes()).anyMatch(n -> n.contains("bundles Grafana"));

        MonitoringRelease alloy = inventory.release(MonitoringComponent.ALLOY).orElseThrow();
        assertThat(alloy.allReady()).as("3 of 4 alloy pods ready").isFalse();

        MonitoringRelease loki = inventory.release(MonitoringComponent.LOKI).orElseThrow();
        assertThat(loki.name()).isEqualTo("logs");
        assertThat(loki.revision()).isEqualTo(3);
        assertThat(loki.workloads()).extracting(Inventory.Workload::name).containsExactly("logs-gateway", "logs");
        LokiDetails details = loki.loki();
        assertThat(details.chartFamily()).isEqualTo(LokiChartFamily.GRAFANA_OSS);
        assertThat(details.chartFamilyReason()).contains("6.55.0").contains("6.x");
        assertThat(details.deploymentMode()).isEqualTo("SingleBinary");
        assertThat(details.deploymentModeSource()).isEqualTo("values");
        assertThat(details.singleBinary()).isTrue();
        assertThat(details.schemas()).extracting(Inventory.LokiSchema::schema).containsExactly("v12", "v13");
        assertThat(details.currentSchema()).startsWith("v13 (tsdb");
        assertThat(details.bucketNames()).containsEntry("chunks", "loki-chunks").containsEntry("ruler", "loki-data");
        assertThat(details.s3Endpoint()).isEqualTo("minio.minio.svc:9000");
        assertThat(details.authEnabled()).isFalse();

        assertThat(inventory.unmanaged()).singleElement().satisfies(w -> {
            assertThat(w.component()).isEqualTo(MonitoringComponent.PROMETHEUS);
            assertThat(w.workload().namespace()).isEqualTo("legacy");
        });
        assertThat(inventory.has(MonitoringComponent.VECTOR)).isFalse();
        assertThat(inventory.metricsServer().present()).isTrue();
        assertThat(inventory.metricsServer().installedBy()).isEqualTo("k3s packaged add-on");
        assertThat(inventory.storageClasses()).extracting(Inventory.StorageClassInfo::name)
                .containsExactly("local-path", "longhorn");
        assertThat(inventory.defaultStorageClass()).map(Inventory.StorageClassInfo::kind).contains("local-path");
    }

    @Test
    void inventorySerialisesToJsonWithoutSecretsFromTheValues() throws Exception {
        Inventory inventory = new MonitoringInventory(client).scan(Progress.none());
        String json = Json.JSON.writeValueAsString(inventory);
        assertThat(json).doesNotContain(S3_SECRET);
        JsonNode tree = Json.JSON.readTree(json);
        assertThat(tree.path("releases").get(2).path("loki").path("deploymentMode").asString())
                .isEqualTo("SingleBinary");
        assertThat(tree.path("metricsServer").path("present").asBoolean()).isTrue();
    }

    @Test
    void communityLokiIsRecognisedByVersionAndDefaultsToMonolithic() {
        HelmRelease community = new HelmRelease("loki", "logging", 1, "deployed", "loki", "18.11.0", "3.7.6",
                Map.of("loki", Map.of("schemaConfig", Map.of("configs", List.of(Map.of("from", "2025-06-01T00:00:00Z",
                        "store", "tsdb", "object_store", "s3", "schema", "v13"))))), "", Instant.now(), "");
        LokiDetails details = LokiReleaseReader.read(community, Map.of());
        assertThat(details.chartFamily()).isEqualTo(LokiChartFamily.GRAFANA_COMMUNITY);
        assertThat(details.chartFamilyReason()).contains("8 or newer");
        assertThat(details.deploymentMode()).isEqualTo("Monolithic");
        assertThat(details.deploymentModeSource()).isEqualTo("chart default");
        assertThat(details.singleBinary()).isTrue();
        assertThat(details.currentSchema()).startsWith("v13");
        assertThat(details.authEnabled()).as("chart default auth_enabled is true").isTrue();
    }

    @Test
    void loki7xIsAmbiguousUnlessTheChartOrValuesSayWhichOne() {
        HelmRelease seven = new HelmRelease("loki", "loki", 1, "deployed", "loki", "7.3.0", "3.6.12",
                Map.of("deploymentMode", "SingleBinary"), "", Instant.now(), "");
        assertThat(LokiReleaseReader.read(seven, Map.of()).chartFamily()).isEqualTo(LokiChartFamily.UNKNOWN);
        assertThat(LokiReleaseReader.read(seven, Map.of("home", "https://grafana-community.github.io/helm-charts"))
                .chartFamily()).isEqualTo(LokiChartFamily.GRAFANA_COMMUNITY);
        assertThat(LokiReleaseReader.read(seven, Map.of("description", "Helm chart for Grafana Enterprise Logs "
                + "supporting monolithic, simple scalable, and microservices modes.")).chartFamily())
                .isEqualTo(LokiChartFamily.GRAFANA_ENTERPRISE);
        HelmRelease gel = new HelmRelease("loki", "loki", 1, "deployed", "loki", "7.3.0", "3.6.12",
                Map.of("enterprise", Map.of("enabled", true)), "", Instant.now(), "");
        assertThat(LokiReleaseReader.read(gel, Map.of()).chartFamilyReason()).contains("enterprise.enabled");
    }

    @Test
    void chartMetadataStoredWithTheReleaseIsReadBack() {
        HelmRelease release = new HelmRelease("x", "loki", 1, "deployed", "loki", "6.55.0", "3.6.7", Map.of(), "",
                Instant.now(), "");
        assertThat(HelmReleaseSecrets.chartMetadata(HelmReleaseSecrets.encode(release)))
                .containsEntry("name", "loki").containsEntry("version", "6.55.0");
    }

    @Test
    void theLokiKeysReadAreTheChartsOwnKeys() throws Exception {
        String shared = System.getProperty("homelab.shared.dir");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "reference/charts")),
                "shared reference charts absent (homelab.shared.dir); skipping the key check");
        for (String chart : List.of("loki-oss-6.55.0", "loki-community", "loki")) {
            JsonNode values = Json.YAML.readTree(Path.of(shared, "reference/charts", chart, "values.yaml").toFile());
            assertThat(values.has("deploymentMode")).as(chart).isTrue();
            assertThat(values.path("loki").has("schemaConfig")).as(chart).isTrue();
            assertThat(values.path("loki").has("auth_enabled")).as(chart).isTrue();
            assertThat(values.path("loki").path("storage").has("type")).as(chart).isTrue();
            assertThat(values.path("loki").path("storage").path("s3").has("endpoint")).as(chart).isTrue();
            assertThat(values.path("minio").has("enabled")).as(chart).isTrue();
        }
    }

    private static void release(String name, String namespace, String chart, String version, String appVersion,
                                Map<String, Object> values) {
        int revision = name.equals("logs") ? 3 : 1;
        client.secrets().resource(HelmReleaseSecrets.encode(new HelmRelease(name, namespace, revision, "deployed",
                chart, version, appVersion, values, "", Instant.parse("2026-03-01T10:00:00Z"), "Install complete")))
                .create();
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels,
                                   Map<String, String> annotations) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).build();
    }

    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("main").withImage(image)
                .endContainer().endSpec().build();
    }

    private static void create(HasMetadata workload) {
        client.resource(workload).create();
    }
}
