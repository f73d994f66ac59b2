package dev.homelab.console.cluster;

import java.util.Locale;
import java.util.Optional;

/** A piece of monitoring the inventory recognises, with the Helm chart names and workload names that identify it. */
public enum MonitoringComponent {
    KUBE_PROMETHEUS_STACK("kube-prometheus-stack", "prometheus-operator"),
    PROMETHEUS("prometheus"),
    ALLOY("alloy", "grafana-agent", "k8s-monitoring"),
    PROMTAIL("promtail"),
    LOKI("loki", "loki-stack", "loki-simple-scalable", "loki-distributed"),
    GRAFANA("grafana"),
    MINIO("minio"),
    VECTOR("vector", "vector-agent"),
    VICTORIA_METRICS_K8S_STACK("victoria-metrics-k8s-stack"),
    VICTORIA_METRICS_OPERATOR("victoria-metrics-operator"),
    VICTORIA_METRICS_SINGLE("victoria-metrics-single");

    private final String[] names;

    MonitoringComponent(String... names) {
        this.names = names;
    }

    /** The chart name as Helm shows it for this component's main chart ("kube-prometheus-stack"). */
    public String chartName() {
        return names[0];
    }

    /** The component a Helm chart name stands for. */
    public static Optional<MonitoringComponent> ofChart(String chartName) {
        String chart = chartName == null ? "" : chartName.toLowerCase(Locale.ROOT);
        for (MonitoringComponent component : values()) {
            for (String name : component.names) {
                if (name.equals(chart)) {
                    return Optional.of(component);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The component a workload without Helm release belongs to, from its {@code app.kubernetes.io/name} or
     * {@code app} label (e.g. a hand-applied Loki StatefulSet or a Prometheus Deployment).
     */
    public static Optional<MonitoringComponent> ofWorkloadName(String appName) {
        String name = appName == null ? "" : appName.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "prometheus", "alertmanager", "prometheus-server" -> Optional.of(PROMETHEUS);
            case "prometheus-operator", "kube-prometheus-stack-operator" -> Optional.of(KUBE_PROMETHEUS_STACK);
            case "alloy", "grafana-agent" -> Optional.of(ALLOY);
            case "promtail" -> Optional.of(PROMTAIL);
            case "loki" -> Optional.of(LOKI);
            case "grafana" -> Optional.of(GRAFANA);
            case "minio" -> Optional.of(MINIO);
            case "vector" -> Optional.of(VECTOR);
            case "vmsingle", "vmagent", "vmalert", "victoria-metrics-single" -> Optional.of(VICTORIA_METRICS_SINGLE);
            case "victoria-metrics-operator" -> Optional.of(VICTORIA_METRICS_OPERATOR);
            default -> Optional.empty();
        };
    }
}
