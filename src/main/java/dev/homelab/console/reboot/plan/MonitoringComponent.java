package dev.homelab.console.reboot.plan;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;
import java.util.Optional;

/** The parts of the monitoring stack whose placement decides what a node reboot tests. */
public enum MonitoringComponent {
    VMSINGLE("vmsingle", "metrics storage"),
    VMAGENT("vmagent", "metrics agent"),
    LOKI("Loki", "log storage"),
    VECTOR("Vector", "log agent"),
    NODE_EXPORTER("node-exporter", "node metrics");

    private final String displayName;
    private final String role;

    MonitoringComponent(String displayName, String role) {
        this.displayName = displayName;
        this.role = role;
    }

    public String displayName() {
        return displayName;
    }

    public String role() {
        return role;
    }

    /** Recognises a pod by the labels the charts set, falling back to the operator's name prefixes. */
    public static Optional<MonitoringComponent> of(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        String name = labels.getOrDefault("app.kubernetes.io/name", labels.getOrDefault("app", ""));
        String component = labels.getOrDefault("app.kubernetes.io/component", "");
        String podName = pod.getMetadata().getName();
        if (name.equals("vmsingle") || podName.startsWith("vmsingle-")) {
            return Optional.of(VMSINGLE);
        }
        if (name.equals("vmagent") || podName.startsWith("vmagent-")) {
            return Optional.of(VMAGENT);
        }
        if (name.equals("loki") && !component.equals("gateway") && !component.equals("canary")
                && !podName.contains("gateway") && !podName.contains("canary")) {
            return Optional.of(LOKI);
        }
        if (name.equals("vector")) {
            return Optional.of(VECTOR);
        }
        if (name.equals("prometheus-node-exporter") || name.equals("node-exporter")) {
            return Optional.of(NODE_EXPORTER);
        }
        return Optional.empty();
    }
}
