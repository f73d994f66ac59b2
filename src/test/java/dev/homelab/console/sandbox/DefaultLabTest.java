package dev.homelab.console.sandbox;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultLabTest {

    @TempDir
    static Path home;
    static SandboxLab lab;

    @BeforeAll
    static void start() {
        lab = Sandbox.start(Optional.empty(), AppDirs.under(home));
    }

    @AfterAll
    static void stop() throws Exception {
        lab.session().close();
        lab.lifecycle().close();
    }

    @Test
    void showsFourArm64RaspberryPiNodesThroughAPlainClient() {
        KubernetesClient kube = lab.session().kube();
        List<Node> nodes = kube.nodes().list().getItems();
        assertThat(nodes).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("pi-server", "pi-worker-1", "pi-worker-2", "pi-worker-3");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/arch", "arm64");
            assertThat(n.getStatus().getNodeInfo().getArchitecture()).isEqualTo("arm64");
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.33.").endsWith("+k3s1");
            assertThat(n.getStatus().getNodeInfo().getOsImage()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
            assertThat(n.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
                    && c.getStatus().equals("True"));
        });
        Node server = kube.nodes().withName("pi-server").get();
        assertThat(server.getMetadata().getLabels()).containsKeys("node-role.kubernetes.io/control-plane",
                "node-role.kubernetes.io/master");
        assertThat(server.getStatus().getCapacity().get("cpu").getAmount()).isEqualTo("4");
    }

    @Test
    void identifiesAsSandboxWithTheKubeSystemUid() {
        ClusterSession session = lab.session();
        assertThat(session.identity().sandbox()).isTrue();
        assertThat(session.identity().contextName()).isEqualTo("sandbox");
        assertThat(session.identity().serverUrl()).startsWith("http://127.0.0.1:");
        assertThat(session.identity().clusterId())
                .isEqualTo(session.kube().namespaces().withName("kube-system").get().getMetadata().getUid())
                .isNotBlank();
    }

    @Test
    void reportsAK3sVersion() {
        assertThat(lab.session().kube().getKubernetesVersion().getGitVersion()).isEqualTo("v1.33.4+k3s1");
    }

    @Test
    void storesHelmReleasesThatDecodeWithTheRightCharts() {
        List<HelmRelease> releases = HelmReleaseSecrets.latestReleases(lab.session().kube());
        assertThat(releases).extracting(HelmRelease::chart).contains("kube-prometheus-stack-88.5.3",
                "alloy-1.4.0", "loki-6.55.0", "grafana-10.1.4", "minio-5.4.0");
        assertThat(releases).allMatch(HelmRelease::deployed);
        HelmRelease loki = releases.stream().filter(r -> r.name().equals("loki")).findFirst().orElseThrow();
        assertThat(loki.namespace()).isEqualTo("loki");
        assertThat(loki.values()).containsEntry("deploymentMode", "SingleBinary");
        assertThat(loki.manifest()).contains("kind: StatefulSet").contains("name: loki");
    }

    @Test
    void runsTheWorkloadsARealInstallCreates() {
        KubernetesClient kube = lab.session().kube();
        List<Pod> nodeExporters = kube.pods().inNamespace("monitoring")
                .withLabel("app.kubernetes.io/name", "prometheus-node-exporter").list().getItems();
        assertThat(nodeExporters).hasSize(4).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getSpec().getNodeName()).isNotNull();
            assertThat(p.getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(9100);
            assertThat(p.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("DaemonSet");
        });
        Pod prometheus = kube.pods().inNamespace("monitoring")
                .withName("prometheus-kube-prometheus-stack-prometheus-0").get();
        assertThat(prometheus).isNotNull();
        assertThat(kube.apps().statefulSets().inNamespace("loki").withName("loki").get().getStatus()
                .getReadyReplicas()).isEqualTo(1);
        assertThat(kube.apps().deployments().inNamespace("kube-system").withName("metrics-server").get()).isNotNull();
        assertThat(kube.services().inNamespace("loki").withName("loki-gateway").get().getMetadata().getLabels())
                .containsEntry("sandbox.homelab.dev/simulation", "loki");
        assertThat(kube.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
                .inNamespace("monitoring").list().getItems()).isNotEmpty();
    }

    @Test
    void servesUsageForEveryNodeAndRunningPod() {
        KubernetesClient kube = lab.session().kube();
        assertThat(kube.getApiGroups().getGroups()).extracting(g -> g.getName()).contains("metrics.k8s.io",
                "monitoring.coreos.com", "apps");
        var nodes = kube.top().nodes().metrics().getItems();
        assertThat(nodes).hasSize(4).allSatisfy(n -> {
            long memory = n.getUsage().get("memory").getNumericalAmount().longValue();
            assertThat(memory).isBetween(400L << 20, 6L << 30);
            assertThat(n.getUsage().get("cpu").getNumericalAmount().doubleValue()).isPositive();
        });
        var prometheus = kube.top().pods().metrics("monitoring", "prometheus-kube-prometheus-stack-prometheus-0");
        long prometheusMemory = prometheus.getContainers().stream()
                .mapToLong(c -> c.getUsage().get("memory").getNumericalAmount().longValue()).sum();
        assertThat(prometheusMemory).isBetween(1100L << 20, 1700L << 20);
        assertThat(kube.top().pods().metrics("loki").getItems()).extracting(p -> p.getMetadata().getName())
                .contains("loki-0");
    }

    @Test
    void opensTheMinioServiceThroughServiceAccess() throws Exception {
        var endpoint = lab.session().services().open(new dev.homelab.console.cluster.ServiceRef("minio", "minio",
                9000));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                endpoint.resolve("/minio/health/live")).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(endpoint.via()).contains("sandbox");
    }

    @Test
    void answersAccessReviewsAllowedByDefault() {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withNewResourceAttributes().withVerb("list").withResource("nodes").endResourceAttributes()
                .endSpec().build();
        SelfSubjectAccessReview answer = lab.session().kube().authorization().v1().selfSubjectAccessReview()
                .create(review);
        assertThat(answer.getStatus().getAllowed()).isTrue();
    }
}
