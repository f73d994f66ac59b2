package dev.homelab.console.telemetry;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Label sets as the charts and operators really put them on pods. */
class ComponentClassifierTest {

    private final ComponentClassifier classifier = new ComponentClassifier(Map.of(
            "monitoring/kps", "kube-prometheus-stack",
            "monitoring/vmks", "victoria-metrics-k8s-stack",
            "grafana/grafana", "grafana"));

    @Test
    void prometheusAndAlertmanagerCreatedByThePrometheusOperator() {
        assertThat(kind(pod("prometheus-kps-kube-prometheus-stack-prometheus-0", Map.of(
                "app.kubernetes.io/name", "prometheus", "app.kubernetes.io/managed-by", "prometheus-operator",
                "prometheus", "kps-kube-prometheus-stack-prometheus",
                "operator.prometheus.io/name", "kps-kube-prometheus-stack-prometheus"))))
                .isEqualTo(Component.of(ComponentKind.PROMETHEUS));
        assertThat(kind(pod("alertmanager-kps-kube-prometheus-stack-alertmanager-0", Map.of(
                "app.kubernetes.io/name", "alertmanager", "app.kubernetes.io/managed-by", "prometheus-operator",
                "alertmanager", "kps-kube-prometheus-stack-alertmanager"))))
                .isEqualTo(Component.of(ComponentKind.PROMETHEUS_ALERTMANAGER));
        assertThat(kind(pod("kps-kube-prometheus-stack-operator-7d9c8b6f4-abcde", Map.of(
                "app", "kube-prometheus-stack-operator", "release", "kps",
                "app.kubernetes.io/name", "kube-prometheus-stack-prometheus-operator"))))
                .isEqualTo(Component.of(ComponentKind.PROMETHEUS_OPERATOR));
    }

    @Test
    void subchartsAreAttributedToTheStackOfTheirHelmRelease() {
        Component kpsExporter = kind(pod("kps-prometheus-node-exporter-x7k2p", Map.of(
                "app.kubernetes.io/name", "prometheus-node-exporter", "app.kubernetes.io/instance", "kps",
                "helm.sh/chart", "prometheus-node-exporter-4.39.0")));
        Component vmExporter = kind(pod("vmks-prometheus-node-exporter-q8w4e", Map.of(
                "app.kubernetes.io/name", "prometheus-node-exporter", "app.kubernetes.io/instance", "vmks")));
        Component ksm = kind(pod("kps-kube-state-metrics-5b7c9d-xyz12", Map.of(
                "app.kubernetes.io/name", "kube-state-metrics", "release", "kps")));

        assertThat(kpsExporter.side()).isEqualTo(ComponentKind.Side.BEFORE);
        assertThat(vmExporter.side()).isEqualTo(ComponentKind.Side.AFTER);
        assertThat(kpsExporter.key()).isNotEqualTo(vmExporter.key());
        assertThat(ksm.label()).isEqualTo("kube-state-metrics (kube-prometheus-stack)");
    }

    @Test
    void victoriaMetricsOperatorManagedPods() {
        Map<String, String> managed = Map.of("app.kubernetes.io/managed-by", "vm-operator",
                "app.kubernetes.io/component", "monitoring", "app.kubernetes.io/instance", "vmks-victoria-metrics-k8s-stack");
        assertThat(kind(pod("vmsingle-vmks-0", with(managed, "app.kubernetes.io/name", "vmsingle"))).kind())
                .isEqualTo(ComponentKind.VMSINGLE);
        assertThat(kind(pod("vmagent-vmks-abc", with(managed, "app.kubernetes.io/name", "vmagent"))).kind())
                .isEqualTo(ComponentKind.VMAGENT);
        assertThat(kind(pod("vmalert-vmks-abc", with(managed, "app.kubernetes.io/name", "vmalert"))).kind())
                .isEqualTo(ComponentKind.VMALERT);
        assertThat(kind(pod("vmalertmanager-vmks-0", with(managed, "app.kubernetes.io/name", "vmalertmanager"))).kind())
                .isEqualTo(ComponentKind.VM_ALERTMANAGER);
        assertThat(kind(pod("vmks-victoria-metrics-operator-6f-abc", Map.of(
                "app.kubernetes.io/name", "victoria-metrics-operator"))).kind()).isEqualTo(ComponentKind.VM_OPERATOR);
    }

    @Test
    void logsAgentsStorageAndGrafana() {
        assertThat(kind(pod("alloy-abcde", Map.of("app.kubernetes.io/name", "alloy"))).kind())
                .isEqualTo(ComponentKind.ALLOY);
        assertThat(kind(pod("vector-abcde", Map.of("app.kubernetes.io/name", "vector",
                "app.kubernetes.io/component", "Agent"))).kind()).isEqualTo(ComponentKind.VECTOR);
        assertThat(kind(pod("loki-0", Map.of("app.kubernetes.io/name", "loki",
                "app.kubernetes.io/component", "single-binary"))).kind()).isEqualTo(ComponentKind.LOKI);
        assertThat(kind(pod("minio-7c9-abcde", Map.of("app", "minio", "release", "minio"))).kind())
                .isEqualTo(ComponentKind.MINIO);
        Component grafana = kind(pod("grafana-5f-abcde", Map.of("app.kubernetes.io/name", "grafana",
                "app.kubernetes.io/instance", "grafana"), "grafana"));
        assertThat(grafana.label()).isEqualTo("Grafana (grafana)");
    }

    @Test
    void podsWithoutWorkloadLabelsFallBackToTheirOwnerAndSaySo() {
        ObjectMeta bare = new ObjectMetaBuilder().withName("kps-prometheus-node-exporter-x7k2p")
                .withNamespace("monitoring").addNewOwnerReference().withKind("DaemonSet")
                .withName("kps-prometheus-node-exporter").endOwnerReference().build();
        var result = classifier.classify(bare).orElseThrow();

        assertThat(result.component().kind()).isEqualTo(ComponentKind.NODE_EXPORTER);
        assertThat(result.evidence()).contains("workload name");
    }

    @Test
    void unrelatedPodsAreNotMonitoringComponents() {
        assertThat(classifier.classify(pod("coredns-6799fbcd5-abcde", Map.of("k8s-app", "kube-dns")))).isEmpty();
        assertThat(classifier.classify(pod("metrics-server-5f-abcde", Map.of("k8s-app", "metrics-server")))).isEmpty();
    }

    @Test
    void componentKeysRoundTrip() {
        Component component = new Component(ComponentKind.NODE_EXPORTER, "victoria-metrics-k8s-stack");
        assertThat(Component.fromKey(component.key())).isEqualTo(component);
    }

    private Component kind(ObjectMeta meta) {
        return classifier.classify(meta).orElseThrow().component();
    }

    private static ObjectMeta pod(String name, Map<String, String> labels) {
        return pod(name, labels, "monitoring");
    }

    private static ObjectMeta pod(String name, Map<String, String> labels, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels).build();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        java.util.HashMap<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
