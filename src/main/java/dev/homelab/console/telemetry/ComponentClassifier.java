package dev.homelab.console.telemetry;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells what a pod is from what the charts and operators put on it: the workload labels
 * ({@code app.kubernetes.io/name|instance|component|managed-by}, legacy {@code app} / {@code release}), the
 * operator-managed labels (vm-operator's {@code app.kubernetes.io/name: vmsingle}, prometheus-operator's
 * {@code prometheus} / {@code alertmanager} labels) and the Helm release the pod belongs to. Only pods without any
 * of these labels are recognised by their owner's name, and the answer says so.
 */
public final class ComponentClassifier {

    /** The component and how it was recognised ("label app.kubernetes.io/name=vmsingle"). */
    public record Classification(Component component, String evidence) {
    }

    private static final Pattern POD_HASH = Pattern.compile("-[a-z0-9]{8,10}(-[a-z0-9]{5})?$|-[a-z0-9]{5}$|-\\d+$");
    private static final Set<String> VM_MANAGERS = Set.of("vm-operator", "victoriametrics-operator");

    /** Helm releases by "namespace/name" → chart name, to tell whose node-exporter or Grafana a pod is. */
    private final Map<String, String> releaseCharts;

    public ComponentClassifier(Map<String, String> releaseCharts) {
        this.releaseCharts = Map.copyOf(releaseCharts);
    }

    public Optional<Classification> classify(ObjectMeta pod) {
        Map<String, String> labels = pod.getLabels() == null ? Map.of() : pod.getLabels();
        String name = first(labels, "app.kubernetes.io/name", "app", "k8s-app");
        String managedBy = labels.getOrDefault("app.kubernetes.io/managed-by", labels.getOrDefault("managed-by", ""));
        String chart = chartOf(pod.getNamespace(), labels);
        Optional<ComponentKind> byLabel = kindFromLabels(name, managedBy, labels);
        if (byLabel.isPresent()) {
            String evidence = "label " + labelUsed(labels) + "=" + name
                    + (managedBy.isEmpty() ? "" : ", managed-by " + managedBy)
                    + (chart.isEmpty() ? "" : ", Helm release chart " + chart);
            return Optional.of(new Classification(component(byLabel.get(), chart), evidence));
        }
        String owner = ownerName(pod);
        return kindFromName(owner).map(kind -> new Classification(component(kind, chart),
                "workload name " + owner + " (no workload labels)"));
    }

    private static Component component(ComponentKind kind, String chart) {
        boolean chartMatters = kind.side() == ComponentKind.Side.BY_RELEASE || kind == ComponentKind.GRAFANA;
        return new Component(kind, chartMatters ? chart : "");
    }

    private static Optional<ComponentKind> kindFromLabels(String name, String managedBy, Map<String, String> labels) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean vmManaged = VM_MANAGERS.contains(managedBy);
        switch (n) {
            case "vmsingle": return Optional.of(ComponentKind.VMSINGLE);
            case "vmagent": return Optional.of(ComponentKind.VMAGENT);
            case "vmalert": return Optional.of(ComponentKind.VMALERT);
            case "vmalertmanager": return Optional.of(ComponentKind.VM_ALERTMANAGER);
            case "victoria-metrics-operator", "vm-operator": return Optional.of(ComponentKind.VM_OPERATOR);
            case "prometheus": return Optional.of(ComponentKind.PROMETHEUS);
            case "alertmanager":
                return Optional.of(vmManaged ? ComponentKind.VM_ALERTMANAGER : ComponentKind.PROMETHEUS_ALERTMANAGER);
            case "alloy", "grafana-agent": return Optional.of(ComponentKind.ALLOY);
            case "prometheus-node-exporter", "node-exporter": return Optional.of(ComponentKind.NODE_EXPORTER);
            case "kube-state-metrics": return Optional.of(ComponentKind.KUBE_STATE_METRICS);
            case "grafana": return Optional.of(ComponentKind.GRAFANA);
            case "loki", "loki-canary", "loki-gateway": return Optional.of(ComponentKind.LOKI);
            case "minio": return Optional.of(ComponentKind.MINIO);
            case "vector": return Optional.of(ComponentKind.VECTOR);
            default:
                break;
        }
        if (n.endsWith("prometheus-operator") || n.equals("kube-prometheus-stack-operator")) {
            return Optional.of(ComponentKind.PROMETHEUS_OPERATOR);
        }
        if (labels.containsKey("operator.prometheus.io/name") || labels.containsKey("prometheus")) {
            return Optional.of(ComponentKind.PROMETHEUS);
        }
        if (labels.containsKey("alertmanager") && "prometheus-operator".equals(managedBy)) {
            return Optional.of(ComponentKind.PROMETHEUS_ALERTMANAGER);
        }
        return Optional.empty();
    }

    /** Last resort: the owning workload's name, e.g. "kps-prometheus-node-exporter" or "alloy". */
    public static Optional<ComponentKind> kindFromName(String owner) {
        String n = owner.toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.startsWith("vmsingle-")) return Optional.of(ComponentKind.VMSINGLE);
        if (n.startsWith("vmagent-")) return Optional.of(ComponentKind.VMAGENT);
        if (n.startsWith("vmalert-")) return Optional.of(ComponentKind.VMALERT);
        if (n.startsWith("vmalertmanager-")) return Optional.of(ComponentKind.VM_ALERTMANAGER);
        if (n.contains("victoria-metrics-operator")) return Optional.of(ComponentKind.VM_OPERATOR);
        if (n.contains("node-exporter")) return Optional.of(ComponentKind.NODE_EXPORTER);
        if (n.contains("kube-state-metrics")) return Optional.of(ComponentKind.KUBE_STATE_METRICS);
        if (n.contains("prometheus-operator") || n.endsWith("-operator") && n.contains("prometheus")) {
            return Optional.of(ComponentKind.PROMETHEUS_OPERATOR);
        }
        if (n.startsWith("prometheus-")) return Optional.of(ComponentKind.PROMETHEUS);
        if (n.startsWith("alertmanager-")) return Optional.of(ComponentKind.PROMETHEUS_ALERTMANAGER);
        if (n.contains("alloy")) return Optional.of(ComponentKind.ALLOY);
        if (n.contains("grafana")) return Optional.of(ComponentKind.GRAFANA);
        if (n.startsWith("loki")) return Optional.of(ComponentKind.LOKI);
        if (n.startsWith("minio")) return Optional.of(ComponentKind.MINIO);
        if (n.startsWith("vector")) return Optional.of(ComponentKind.VECTOR);
        return Optional.empty();
    }

    private String chartOf(String namespace, Map<String, String> labels) {
        for (String key : new String[]{"app.kubernetes.io/instance", "release"}) {
            String release = labels.get(key);
            if (release != null) {
                String chart = releaseCharts.get(namespace + "/" + release);
                if (chart != null) {
                    return chart;
                }
            }
        }
        String partOf = labels.getOrDefault("app.kubernetes.io/part-of", "");
        return partOf.equals("kube-prometheus-stack") || partOf.equals("victoria-metrics-k8s-stack") ? partOf : "";
    }

    private static String ownerName(ObjectMeta pod) {
        if (pod.getOwnerReferences() != null) {
            for (OwnerReference owner : pod.getOwnerReferences()) {
                String name = owner.getName();
                if ("ReplicaSet".equals(owner.getKind())) {
                    name = POD_HASH.matcher(name).replaceFirst("");
                }
                return name;
            }
        }
        return pod.getName() == null ? "" : POD_HASH.matcher(pod.getName()).replaceFirst("");
    }

    private static String first(Map<String, String> labels, String... keys) {
        for (String key : keys) {
            String value = labels.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    private static String labelUsed(Map<String, String> labels) {
        for (String key : new String[]{"app.kubernetes.io/name", "app", "k8s-app"}) {
            if (labels.containsKey(key)) {
                return key;
            }
        }
        return "(operator label)";
    }
}
