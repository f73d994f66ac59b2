package dev.homelab.console.stack.vector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.homelab.console.stack.vector.VectorAgentConfig.ordered;

/**
 * Helm values for chart {@code vector} (0.57.x) in role Agent: a DaemonSet on every node (control-plane included),
 * the Debian-based image (the default distroless image has no {@code journalctl}), our ConfigMap instead of the chart's
 * generated config, a hostPath data dir that survives reboots (checkpoints + disk buffer), probes on Vector's API, and
 * Raspberry Pi 5 sized resources.
 */
public final class VectorChartValues {

    public static final String CHART = "vector";
    public static final String CHART_VERSION = "0.57.0";
    public static final String CONFIG_MAP_NAME = "vector-agent-config";

    private VectorChartValues() {
    }

    public static Map<String, Object> render(VectorAgentSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("role", "Agent");
        values.put("image", ordered("base", "debian"));
        values.put("existingConfigMaps", List.of(CONFIG_MAP_NAME));
        values.put("dataDir", VectorAgentConfig.DATA_DIR);
        values.put("persistence", ordered("hostPath", ordered("enabled", true, "path", spec.hostDataPath())));
        values.put("containerPorts", List.of(
                ordered("name", "api", "containerPort", VectorAgentConfig.API_PORT, "protocol", "TCP"),
                ordered("name", "prom-exporter", "containerPort", VectorAgentConfig.METRICS_PORT, "protocol", "TCP")));
        values.put("service", ordered("ports", List.of(
                ordered("name", "api", "port", VectorAgentConfig.API_PORT, "protocol", "TCP",
                        "targetPort", VectorAgentConfig.API_PORT),
                ordered("name", "prom-exporter", "port", VectorAgentConfig.METRICS_PORT, "protocol", "TCP",
                        "targetPort", VectorAgentConfig.METRICS_PORT))));
        if (!spec.journalDirectory().startsWith("/var/log/")) {
            // /var/log is mounted by the chart already; a volatile journal (/run/log/journal) is not
            values.put("extraVolumes", List.of(ordered("name", "host-journal",
                    "hostPath", ordered("path", spec.journalDirectory()))));
            values.put("extraVolumeMounts", List.of(ordered("name", "host-journal",
                    "mountPath", spec.journalDirectory(), "readOnly", true)));
        }
        values.put("readinessProbe", ordered("httpGet", ordered("path", "/health", "port", VectorAgentConfig.API_PORT)));
        values.put("livenessProbe", ordered("httpGet", ordered("path", "/health", "port", VectorAgentConfig.API_PORT),
                "initialDelaySeconds", 30, "periodSeconds", 30));
        values.put("resources", ordered(
                "requests", ordered("cpu", "50m", "memory", "64Mi"),
                "limits", ordered("cpu", "500m", "memory", "256Mi")));
        values.put("podLabels", ordered("vector.dev/exclude", "true"));
        values.put("tolerations", List.of(
                ordered("key", "node-role.kubernetes.io/control-plane", "operator", "Exists", "effect", "NoSchedule"),
                ordered("key", "node-role.kubernetes.io/master", "operator", "Exists", "effect", "NoSchedule")));
        values.put("terminationGracePeriodSeconds", 60);
        return values;
    }
}
