package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-prometheus-stack: the prometheus-operator, kube-state-metrics, node-exporter (hostPort 9100), and the
 * Prometheus and Alertmanager StatefulSets the operator creates from their custom resources, plus the
 * ServiceMonitors and PrometheusRules. Uninstalling leaves what real uninstalls leave: the monitoring.coreos.com CRDs,
 * the operator's kubelet Service/Endpoints in kube-system and the admission webhook Secret.
 */
public final class KubePrometheusStackChart implements Chart {

    public static final String GROUP = "monitoring.coreos.com";

    @Override
    public String name() {
        return "kube-prometheus-stack";
    }

    @Override
    public String latestVersion() {
        return "88.5.3";
    }

    @Override
    public String appVersion() {
        return "v0.93.1";
    }

    @Override
    public String repositoryUrl() {
        return "https://prometheus-community.github.io/helm-charts";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        String chartLabel = name() + "-" + ctx.release().version();
        Rendering r = new Rendering();
        monitoringCrds().forEach(r::crd);

        r.workload(Workloads.deployment(full + "-operator", "prometheus-operator")
                .selector("app", full + "-operator").selector("release", release)
                .labels(kpsLabels(release, chartLabel, "prometheus-operator"))
                .label("app.kubernetes.io/name", name() + "-prometheus-operator")
                .container(name(), "quay.io/prometheus-operator/prometheus-operator:" + appVersion(),
                        List.of("--kubelet-service=kube-system/" + full + "-kubelet"), "https:10250")
                .service(full + "-operator", null, "https:443:10250").build());

        if (v.bool("kube-state-metrics.enabled", true)) {
            r.workload(Workloads.deployment(release + "-kube-state-metrics", "kube-state-metrics")
                    .selector("app.kubernetes.io/name", "kube-state-metrics")
                    .selector("app.kubernetes.io/instance", release)
                    .label("release", release).label("app.kubernetes.io/part-of", "kube-state-metrics")
                    .container("kube-state-metrics", "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.17.0",
                            List.of("--port=8080"), "http:8080")
                    .service(release + "-kube-state-metrics", null, "http:8080").build());
        }
        if (v.bool("prometheus-node-exporter.enabled", true)) {
            r.workload(Workloads.daemonSet(release + "-prometheus-node-exporter", "node-exporter")
                    .selector("app.kubernetes.io/name", "prometheus-node-exporter")
                    .selector("app.kubernetes.io/instance", release)
                    .label("release", release).label("jobLabel", "node-exporter")
                    .label("app.kubernetes.io/component", "metrics")
                    .label("app.kubernetes.io/part-of", "prometheus-node-exporter")
                    .hostNetwork()
                    .container("node-exporter", "quay.io/prometheus/node-exporter:v1.9.1",
                            List.of("--path.procfs=/host/proc", "--path.sysfs=/host/sys",
                                    "--web.listen-address=[$(HOST_IP)]:9100"), "http-metrics:9100:9100")
                    .service(release + "-prometheus-node-exporter", null, "http-metrics:9100").build());
        }
        if (v.bool("prometheus.enabled", true)) {
            String prometheus = full + "-prometheus";
            Map<String, String> crLabels = kpsLabels(release, chartLabel, "prometheus");
            crLabels.put("app", full + "-prometheus");
            r.object(Objects.custom(GROUP + "/v1", "Prometheus", prometheus, crLabels, Map.of(
                    "retention", v.string("prometheus.prometheusSpec.retention", "10d"),
                    "scrapeInterval", v.string("prometheus.prometheusSpec.scrapeInterval", "30s"),
                    "replicas", 1, "version", "v3.5.0")));
            r.workload(Workloads.statefulSet("prometheus-" + prometheus, "prometheus").byOperator()
                    .selector("app.kubernetes.io/name", "prometheus")
                    .selector("app.kubernetes.io/instance", prometheus)
                    .selector("app.kubernetes.io/managed-by", "prometheus-operator")
                    .selector("operator.prometheus.io/name", prometheus)
                    .selector("operator.prometheus.io/shard", "0")
                    .selector("prometheus", prometheus)
                    .container("prometheus", "quay.io/prometheus/prometheus:v3.5.0",
                            List.of("--storage.tsdb.retention.time="
                                    + v.string("prometheus.prometheusSpec.retention", "10d"),
                                    "--config.file=/etc/prometheus/config_out/prometheus.env.yaml"), "web:9090")
                    .container("config-reloader",
                            "quay.io/prometheus-operator/prometheus-config-reloader:" + appVersion(),
                            List.of("--listen-address=:8080"), "reloader-web:8080")
                    .headlessService("prometheus-operated", "web:9090")
                    .service(prometheus, "prometheus", "http-web:9090")
                    .build());
            String storageClass = v.string(
                    "prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.storageClassName", "");
            if (!storageClass.isEmpty()) {
                r.leftover(Objects.pvc("prometheus-" + prometheus + "-db-prometheus-" + prometheus + "-0",
                        Map.of("app.kubernetes.io/name", "prometheus", "operator.prometheus.io/name", prometheus),
                        storageClass, v.string("prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec"
                                + ".resources.requests.storage", "20Gi")));
            }
        }
        if (v.bool("alertmanager.enabled", true)) {
            String alertmanager = full + "-alertmanager";
            Map<String, String> crLabels = kpsLabels(release, chartLabel, "alertmanager");
            crLabels.put("app", alertmanager);
            r.object(Objects.custom(GROUP + "/v1", "Alertmanager", alertmanager, crLabels,
                    Map.of("replicas", 1, "version", "v0.28.1")));
            r.workload(Workloads.statefulSet("alertmanager-" + alertmanager, "kps-alertmanager").byOperator()
                    .selector("app.kubernetes.io/name", "alertmanager")
                    .selector("app.kubernetes.io/instance", alertmanager)
                    .selector("app.kubernetes.io/managed-by", "prometheus-operator")
                    .selector("alertmanager", alertmanager)
                    .container("alertmanager", "quay.io/prometheus/alertmanager:v0.28.1",
                            List.of("--config.file=/etc/alertmanager/config_out/alertmanager.env.yaml"), "web:9093")
                    .container("config-reloader",
                            "quay.io/prometheus-operator/prometheus-config-reloader:" + appVersion(),
                            List.of("--listen-address=:8080"), "reloader-web:8080")
                    .headlessService("alertmanager-operated", "http-web:9093")
                    .service(alertmanager, "kps-alertmanager", "http-web:9093").build());
        }
        for (String rule : List.of("general.rules", "node-exporter", "kubernetes-apps", "kubernetes-resources",
                "kubernetes-storage", "node.rules", "alertmanager.rules", "prometheus")) {
            Map<String, String> labels = kpsLabels(release, chartLabel, null);
            labels.put("app", name());
            r.object(Objects.custom(GROUP + "/v1", "PrometheusRule", full + "-" + rule.replace('.', '-'), labels,
                    Map.of("groups", List.of(ruleGroup(rule)))));
        }
        for (String monitor : List.of("operator", "prometheus", "alertmanager", "kube-state-metrics",
                "prometheus-node-exporter", "kubelet", "apiserver", "coredns")) {
            Map<String, String> labels = kpsLabels(release, chartLabel, null);
            labels.put("app", full + "-" + monitor);
            r.object(Objects.custom(GROUP + "/v1", "ServiceMonitor", full + "-" + monitor, labels, Map.of(
                    "endpoints", List.of(Map.of("port", "http-metrics", "interval", "30s")),
                    "selector", Map.of("matchLabels", Map.of("release", release)))));
        }
        leftovers(r, full, release);
        return r;
    }

    private void leftovers(Rendering r, String full, String release) {
        Map<String, String> kubeletLabels = Map.of("app.kubernetes.io/managed-by", "prometheus-operator",
                "app.kubernetes.io/name", "kubelet", "k8s-app", "kubelet");
        r.leftover(new ServiceBuilder().withNewMetadata().withName(full + "-kubelet").withNamespace("kube-system")
                .withLabels(kubeletLabels).endMetadata()
                .withNewSpec().withClusterIP("None").withType("ClusterIP")
                .addNewPort().withName("https-metrics").withPort(10250).withNewTargetPort(10250).endPort()
                .addNewPort().withName("http-metrics").withPort(10255).withNewTargetPort(10255).endPort()
                .endSpec().build());
        r.leftover(new EndpointsBuilder().withNewMetadata().withName(full + "-kubelet").withNamespace("kube-system")
                .withLabels(kubeletLabels).endMetadata().build());
        r.leftover(Objects.secret(full + "-admission", Map.of("app", full + "-admission", "release", release),
                Map.of("ca", "-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----",
                        "cert", "-----BEGIN CERTIFICATE-----\nsandbox\n-----END CERTIFICATE-----",
                        "key", "sandbox-webhook-key")));
    }

    static List<io.fabric8.kubernetes.api.model.HasMetadata> monitoringCrds() {
        return List.of(
                Objects.crd(GROUP, "Prometheus", "prometheuses", "v1"),
                Objects.crd(GROUP, "Alertmanager", "alertmanagers", "v1"),
                Objects.crd(GROUP, "ServiceMonitor", "servicemonitors", "v1"),
                Objects.crd(GROUP, "PodMonitor", "podmonitors", "v1"),
                Objects.crd(GROUP, "PrometheusRule", "prometheusrules", "v1"),
                Objects.crd(GROUP, "Probe", "probes", "v1"),
                Objects.crd(GROUP, "ThanosRuler", "thanosrulers", "v1"),
                Objects.crd(GROUP, "PrometheusAgent", "prometheusagents", "v1alpha1"),
                Objects.crd(GROUP, "ScrapeConfig", "scrapeconfigs", "v1alpha1"),
                Objects.crd(GROUP, "AlertmanagerConfig", "alertmanagerconfigs", "v1alpha1"));
    }

    private Map<String, String> kpsLabels(String release, String chartLabel, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("release", release);
        labels.put("chart", chartLabel);
        labels.put("heritage", "Helm");
        labels.put("app.kubernetes.io/part-of", name());
        if (component != null) {
            labels.put("app.kubernetes.io/component", component);
        }
        return labels;
    }

    private static Map<String, Object> ruleGroup(String group) {
        return switch (group) {
            case "general.rules" -> Map.of("name", group, "rules", List.of(
                    Map.of("alert", "Watchdog", "expr", "vector(1)", "labels", Map.of("severity", "none")),
                    Map.of("alert", "TargetDown", "for", "10m", "labels", Map.of("severity", "warning"),
                            "expr", "100 * (count by (cluster, job, namespace, service) (up == 0) / count by "
                                    + "(cluster, job, namespace, service) (up)) > 10")));
            case "node-exporter" -> Map.of("name", group, "rules", List.of(
                    Map.of("alert", "NodeFilesystemSpaceFillingUp", "for", "1h",
                            "labels", Map.of("severity", "warning"),
                            "expr", "node_filesystem_avail_bytes{job=\"node-exporter\",fstype!=\"\"} / "
                                    + "node_filesystem_size_bytes{job=\"node-exporter\",fstype!=\"\"} * 100 < 15")));
            default -> Map.of("name", group, "rules", List.of(Map.of("record", group.replace('-', '_') + ":up",
                    "expr", "sum(up)")));
        };
    }
}
