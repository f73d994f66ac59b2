package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.sandbox.charts.Objects;
import dev.homelab.console.task.Progress;
import dev.homelab.console.testing.MockServerLab;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What kube-prometheus-stack and Alloy leave behind, found, removed (safe ones only), verified and restored. */
@EnableKubernetesMockClient(crud = true, https = false)
class LeftoversStepTest {

    KubernetesClient client;
    @TempDir
    Path home;
    final LeftoversStep step = new LeftoversStep();
    final Map<String, String> kubelet = Map.of("app.kubernetes.io/managed-by", "prometheus-operator",
            "app.kubernetes.io/name", "kubelet", "k8s-app", "kubelet");

    @BeforeEach
    void leftovers() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("homelab-console")
                .endMetadata().build()).create();
        client.services().inNamespace("kube-system").resource(new ServiceBuilder().withNewMetadata()
                .withName("kps-kube-prometheus-stack-kubelet").withNamespace("kube-system").withLabels(kubelet)
                .endMetadata().withNewSpec().withClusterIP("None").addNewPort().withName("https-metrics")
                .withPort(10250).endPort().endSpec().build()).create();
        client.endpoints().inNamespace("kube-system").resource(new EndpointsBuilder().withNewMetadata()
                .withName("kps-kube-prometheus-stack-kubelet").withNamespace("kube-system").withLabels(kubelet)
                .endMetadata().build()).create();
        client.admissionRegistration().v1().validatingWebhookConfigurations().resource(
                new ValidatingWebhookConfigurationBuilder().withNewMetadata().withName("kps-kube-prometheus-stack-admission")
                        .addToLabels("app", "kps-kube-prometheus-stack-admission").endMetadata()
                        .addNewWebhook().withName("prometheusrulevalidate.monitoring.coreos.com")
                        .withAdmissionReviewVersions("v1").withSideEffects("None").withNewClientConfig()
                        .withNewService().withName("kps-kube-prometheus-stack-operator").withNamespace("monitoring")
                        .endService().endClientConfig().endWebhook().build()).create();
        client.secrets().inNamespace("monitoring").resource(new SecretBuilder().withNewMetadata()
                .withName("kps-kube-prometheus-stack-admission").withNamespace("monitoring")
                .addToLabels("app", "kps-kube-prometheus-stack-admission").endMetadata()
                .addToStringData("key", "leftover-webhook-private-key").build()).create();
        client.apiextensions().v1().customResourceDefinitions().resource(
                Objects.crd("monitoring.coreos.com", "ServiceMonitor", "servicemonitors", "v1")).create();
        client.apiextensions().v1().customResourceDefinitions().resource(
                Objects.crd("monitoring.coreos.com", "Probe", "probes", "v1")).create();
        client.apiextensions().v1().customResourceDefinitions().resource(
                Objects.crd("monitoring.grafana.com", "PodLogs", "podlogs", "v1alpha2")).create();
        client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                        .withGroup("monitoring.coreos.com").withVersion("v1").withKind("ServiceMonitor")
                        .withPlural("servicemonitors").withNamespaced(true).build()).inNamespace("longhorn-system")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1")
                        .withKind("ServiceMonitor").withNewMetadata().withName("longhorn-prometheus-servicemonitor")
                        .withNamespace("longhorn-system").endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace("monitoring").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("prometheus-kps-kube-prometheus-stack-prometheus-db-prometheus-kps-0")
                .withNamespace("monitoring").addToLabels("app.kubernetes.io/name", "prometheus")
                .addToLabels("operator.prometheus.io/name", "kps-kube-prometheus-stack-prometheus").endMetadata()
                .withNewSpec().withStorageClassName("local-path").withNewResources()
                .addToRequests("storage", new Quantity("30Gi")).endResources().endSpec().build()).create();
        LeftoverScan.resources(client, LeftoverScan.VM_API, "VMRule").inNamespace("monitoring")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("operator.victoriametrics.com/v1beta1")
                        .withKind("VMRule").withNewMetadata().withName("kps-kube-prometheus-stack-node-rules")
                        .withNamespace("monitoring").addToLabels("release", "kps")
                        .addToLabels("chart", "kube-prometheus-stack-88.5.3")
                        .addToLabels("app.kubernetes.io/part-of", "kube-prometheus-stack").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("groups", List.of()))).build()).create();
        LeftoverScan.resources(client, LeftoverScan.VM_API, "VMRule").inNamespace("monitoring")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("operator.victoriametrics.com/v1beta1")
                        .withKind("VMRule").withNewMetadata().withName("vmks-node-exporter")
                        .withNamespace("monitoring").addToLabels("app.kubernetes.io/instance", "vmks").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("groups", List.of()))).build()).create();
    }

    StepContext context(Map<String, String> settings) {
        return new MockServerLab(client).stepContext(home, LeftoversStep.ID, settings);
    }

    @Test
    void planRemovesTheSafeLeftoversAndKeepsUsedCrdsAndPvcsWithTheirConsequence() throws Exception {
        StepPlan plan = step.plan(context(Map.of()));

        assertThat(plan.changes()).allMatch(c -> c.kind() == ChangeKind.DELETE);
        assertThat(plan.changes()).extracting(PlannedChange::name).containsExactlyInAnyOrder(
                "kps-kube-prometheus-stack-kubelet", "kps-kube-prometheus-stack-kubelet",
                "kps-kube-prometheus-stack-admission", "kps-kube-prometheus-stack-admission",
                "podlogs.monitoring.grafana.com", "kps-kube-prometheus-stack-node-rules");
        assertThat(String.join("\n", plan.notes()))
                .contains("servicemonitors.monitoring.coreos.com").contains("longhorn-system/longhorn-prometheus")
                .contains("probes.monitoring.coreos.com")
                .contains("prometheus-kps-kube-prometheus-stack-prometheus-db-prometheus-kps-0").contains("30Gi")
                .contains("Undo cannot bring the data back");
    }

    @Test
    void applyRemovesBacksUpWithoutSecretDataVerifiesAndUndoRecreates() throws Exception {
        StepContext context = context(Map.of());
        step.apply(context, step.plan(context), Progress.none());

        assertThat(client.services().inNamespace("kube-system").withName("kps-kube-prometheus-stack-kubelet").get())
                .isNull();
        assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations()
                .withName("kps-kube-prometheus-stack-admission").get()).isNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("podlogs.monitoring.grafana.com")
                .get()).isNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("servicemonitors.monitoring.coreos.com").get()).isNotNull();
        assertThat(client.persistentVolumeClaims().inNamespace("monitoring").list().getItems()).hasSize(1);
        assertThat(LeftoverScan.resources(client, LeftoverScan.VM_API, "VMRule")
                .inNamespace("monitoring").withName("vmks-node-exporter").get()).isNotNull();
        String backup = client.configMaps().inNamespace("homelab-console").withName(LeftoversStep.BACKUP).get()
                .getData().toString();
        assertThat(backup).contains("kps-kube-prometheus-stack-admission").doesNotContain("leftover-webhook-private-key")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("leftover-webhook-private-key".getBytes()));
        List<CheckResult> checks = step.verify(context, Progress.none());
        assertThat(checks).singleElement().satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASSED));
        assertThat(step.isDone(context)).isTrue();

        step.undo(context, Progress.none());

        assertThat(client.services().inNamespace("kube-system").withName("kps-kube-prometheus-stack-kubelet").get())
                .isNotNull();
        assertThat(client.secrets().inNamespace("monitoring").withName("kps-kube-prometheus-stack-admission").get())
                .isNotNull();
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("podlogs.monitoring.grafana.com")
                .get()).isNotNull();
        assertThat(step.isDone(context)).isFalse();
    }

    @Test
    void optingInRemovesThePvcsAndTheCrdsOtherAppsStillUse() throws Exception {
        StepPlan plan = step.plan(context(Map.of(LeftoverScan.REMOVE_PVCS, "true", LeftoverScan.REMOVE_CRDS, "true")));

        assertThat(plan.changes()).extracting(PlannedChange::name).contains(
                "prometheus-kps-kube-prometheus-stack-prometheus-db-prometheus-kps-0",
                "servicemonitors.monitoring.coreos.com", "probes.monitoring.coreos.com");
        assertThat(plan.changes()).filteredOn(c -> c.name().equals("servicemonitors.monitoring.coreos.com"))
                .singleElement().satisfies(c -> assertThat(c.description()).contains("longhorn-system"));
    }
}
