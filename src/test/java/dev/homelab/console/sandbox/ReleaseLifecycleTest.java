package dev.homelab.console.sandbox;

import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The migration's Helm work in the sandbox: remove kube-prometheus-stack + Alloy, add VictoriaMetrics + Vector. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseLifecycleTest {

    static final URI VM_REPO = URI.create("https://victoriametrics.github.io/helm-charts/");
    static SandboxLab lab;
    static KubernetesClient kube;
    static ReleaseManager helm;
    static long memoryBefore;

    @BeforeAll
    static void start() {
        lab = Sandbox.start(ScenarioLoader.loadDefault(), SandboxOptions.fast(Duration.ofMillis(300), 0.01));
        kube = lab.session().kube();
        helm = lab.releases();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.session().close();
        lab.lifecycle().close();
    }

    static Map<String, Object> vmValues(boolean nodeExporter, String retention) {
        return Map.of("grafana", Map.of("enabled", false),
                "prometheus-node-exporter", Map.of("enabled", nodeExporter),
                "vmsingle", Map.of("spec", Map.of("retentionPeriod", retention,
                        "storage", Map.of("storageClassName", "local-path"))),
                "vmagent", Map.of("spec", Map.of("scrapeInterval", "30s")));
    }

    static ReleaseRequest vm(Map<String, Object> values, Duration timeout) {
        return new ReleaseRequest("vmks", "monitoring",
                new ChartRef("vm", VM_REPO, "victoria-metrics-k8s-stack", "0.91.2"), values, true, timeout);
    }

    static long totalNodeMemory() {
        return kube.top().nodes().metrics().getItems().stream()
                .mapToLong(n -> n.getUsage().get("memory").getNumericalAmount().longValue()).sum();
    }

    @Test
    @Order(1)
    void addsKnownRepositoriesAndFailsLikeHelmForUnreachableOnes() throws Exception {
        helm.addOrUpdateRepository("vm", VM_REPO);
        helm.addOrUpdateRepository("vector", URI.create("https://helm.vector.dev"));
        assertThatThrownBy(() -> helm.addOrUpdateRepository("nope", URI.create("https://charts.example.invalid")))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("looks like \"https://charts.example.invalid\" is not a valid chart repository "
                        + "or cannot be reached");
    }

    @Test
    @Order(2)
    void templatesWithoutTouchingTheCluster() throws Exception {
        String manifest = helm.template(vm(vmValues(false, "14d"), Duration.ofMinutes(1)));
        assertThat(manifest).contains("kind: Deployment").contains("name: vmks-victoria-metrics-operator")
                .contains("kind: VMSingle").contains("retentionPeriod: 14d");
        assertThat(helm.get("monitoring", "vmks")).isEmpty();
        assertThat(kube.apps().deployments().inNamespace("monitoring").withName("vmks-victoria-metrics-operator")
                .get()).isNull();
    }

    @Test
    @Order(3)
    void aSecondNodeExporterStaysPendingAndTheInstallFailsLikeHelmWait() throws Exception {
        memoryBefore = totalNodeMemory();
        assertThatThrownBy(() -> helm.installOrUpgrade(vm(vmValues(true, "14d"), Duration.ofSeconds(2)),
                Progress.none()))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("INSTALLATION FAILED: context deadline exceeded");
        List<Pod> pending = kube.pods().inNamespace("monitoring")
                .withLabel("app.kubernetes.io/instance", "vmks")
                .withLabel("app.kubernetes.io/name", "prometheus-node-exporter").list().getItems();
        assertThat(pending).hasSize(4).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(p.getStatus().getConditions().get(0).getMessage())
                    .contains("didn't have free ports for the requested pod ports");
        });
        assertThat(helm.get("monitoring", "vmks")).get().extracting(HelmRelease::status).isEqualTo("failed");
        assertThat(kube.genericKubernetesResources("operator.victoriametrics.com/v1beta1", "VMRule")
                .inNamespace("monitoring").withName("kube-prometheus-stack-general-rules").get())
                .as("the operator converted the PrometheusRule").isNotNull();
        helm.uninstall("monitoring", "vmks", Progress.none());
        assertThat(helm.get("monitoring", "vmks")).isEmpty();
    }

    @Test
    @Order(4)
    void uninstallingKubePrometheusStackLeavesWhatRealUninstallsLeave() throws Exception {
        helm.uninstall("monitoring", "kube-prometheus-stack", Progress.none());
        helm.uninstall("monitoring", "alloy", Progress.none());
        assertThat(helm.get("monitoring", "kube-prometheus-stack")).isEmpty();
        assertThat(kube.pods().inNamespace("monitoring").list().getItems())
                .noneMatch(p -> p.getMetadata().getName().startsWith("prometheus-kube-prometheus-stack"))
                .noneMatch(p -> p.getMetadata().getName().startsWith("alloy"));
        assertThat(kube.apps().daemonSets().inNamespace("monitoring")
                .withName("kube-prometheus-stack-prometheus-node-exporter").get()).isNull();
        assertThat(kube.apiextensions().v1().customResourceDefinitions()
                .withName("prometheusrules.monitoring.coreos.com").get()).isNotNull();
        assertThat(kube.services().inNamespace("kube-system").withName("kube-prometheus-stack-kubelet").get())
                .isNotNull();
        assertThat(kube.secrets().inNamespace("monitoring").withName("kube-prometheus-stack-admission").get())
                .isNotNull();
        assertThatThrownBy(() -> helm.uninstall("monitoring", "alloy", Progress.none()))
                .isInstanceOf(HelmException.class).hasMessageContaining("release: not found");
    }

    @Test
    @Order(5)
    void installsVictoriaMetricsAndVectorWithTheirWorkloads() throws Exception {
        List<String> progress = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void update(String message, double fraction) {
                progress.add(message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        HelmRelease vm = helm.installOrUpgrade(vm(vmValues(true, "14d"), Duration.ofMinutes(1)), recording);
        assertThat(vm.status()).isEqualTo("deployed");
        assertThat(vm.revision()).isEqualTo(1);
        assertThat(progress).anyMatch(m -> m.contains("waiting for")).last().asString().contains("all pods Ready");
        assertThat(kube.services().inNamespace("monitoring").withName("vmsingle-vmks-victoria-metrics-k8s-stack")
                .get().getMetadata().getLabels()).containsEntry("sandbox.homelab.dev/simulation", "vmsingle");
        assertThat(kube.pods().inNamespace("monitoring").withLabel("app.kubernetes.io/name", "vmagent").list()
                .getItems()).singleElement().satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
        assertThat(kube.persistentVolumeClaims().inNamespace("monitoring")
                .withName("vmsingle-vmks-victoria-metrics-k8s-stack").get()).isNotNull();

        HelmRelease vector = helm.installOrUpgrade(new ReleaseRequest("vector", "monitoring",
                new ChartRef("vector", URI.create("https://helm.vector.dev"), "vector", "0.57.0"),
                Map.of("role", "Agent"), true, Duration.ofMinutes(1)), Progress.none());
        assertThat(vector.deployed()).isTrue();
        assertThat(kube.pods().inNamespace("monitoring").withLabel("app.kubernetes.io/name", "vector").list()
                .getItems()).hasSize(4).extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates();
    }

    @Test
    @Order(6)
    void nodeMemoryDropsAfterTheSwap() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(totalNodeMemory()).isLessThan(memoryBefore - (1L << 30)));
        List<NodeMetrics> nodes = kube.top().nodes().metrics().getItems();
        assertThat(nodes).hasSize(4);
    }

    @Test
    @Order(7)
    void upgradesAndRollsBack() throws Exception {
        String vmsingleBefore = vmsinglePod();
        String operatorBefore = operatorPod();
        HelmRelease upgraded = helm.installOrUpgrade(vm(vmValues(true, "30d"), Duration.ofMinutes(1)),
                Progress.none());
        assertThat(upgraded.revision()).isEqualTo(2);
        assertThat(vmsinglePod()).isNotEqualTo(vmsingleBefore);
        assertThat(operatorPod()).isEqualTo(operatorBefore);
        assertThat(helm.history("monitoring", "vmks")).extracting(HelmRelease::status)
                .containsExactly("superseded", "deployed");

        HelmRelease rolledBack = helm.rollback("monitoring", "vmks", 1, Progress.none());
        assertThat(rolledBack.revision()).isEqualTo(3);
        assertThat(rolledBack.description()).isEqualTo("Rollback to 1");
        assertThat(rolledBack.values()).isEqualTo(helm.history("monitoring", "vmks").get(0).values());
        assertThat(kube.apps().deployments().inNamespace("monitoring")
                .withName("vmsingle-vmks-victoria-metrics-k8s-stack").get().getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs()).contains("-retentionPeriod=14d");
    }

    private static String vmsinglePod() {
        return kube.pods().inNamespace("monitoring").withLabel("app.kubernetes.io/name", "vmsingle").list()
                .getItems().get(0).getMetadata().getName();
    }

    private static String operatorPod() {
        return kube.pods().inNamespace("monitoring").withLabel("app.kubernetes.io/name", "victoria-metrics-operator")
                .list().getItems().get(0).getMetadata().getName();
    }
}
