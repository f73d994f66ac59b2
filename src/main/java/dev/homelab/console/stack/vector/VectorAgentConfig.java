package dev.homelab.console.stack.vector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Vector's own configuration (vector.yaml) for the agent from a {@link VectorAgentSpec}.
 * It is delivered as a ConfigMap (chart value {@code existingConfigMaps}), never through {@code customConfig}, because
 * the chart passes customConfig through Helm's {@code tpl}, which evaluates Vector's {@code {{ field }}} templates
 * and fails ("function \"namespace\" not defined", vector helm-charts #440).
 */
public final class VectorAgentConfig {

    public static final String DATA_DIR = "/vector-data-dir";
    public static final int API_PORT = 8686;
    public static final int METRICS_PORT = 9090;
    public static final String LOKI_SINK = "loki";

    static final String K8S_REMAP = """
            .namespace = string(.kubernetes.pod_namespace) ?? "unknown"
            .pod = string(.kubernetes.pod_name) ?? "unknown"
            .container = string(.kubernetes.container_name) ?? "unknown"
            .node = string(.kubernetes.pod_node_name) ?? get_env_var("VECTOR_SELF_NODE_NAME") ?? "unknown"
            .app = string(.kubernetes.pod_labels."app.kubernetes.io/name") ?? string(.kubernetes.pod_labels.app) ?? .container
            .job = "%s"
            del(.kubernetes)
            del(.file)
            """.formatted(LokiLabels.JOB_PODS);

    static final String JOURNAL_REMAP = """
            .namespace = "%s"
            .node = string(.host) ?? get_env_var("VECTOR_SELF_NODE_NAME") ?? "unknown"
            .pod = string(._SYSTEMD_UNIT) ?? "kernel"
            .container = string(.SYSLOG_IDENTIFIER) ?? .pod
            .app = "%s"
            .job = "%s"
            """.formatted(LokiLabels.HOST_NAMESPACE, LokiLabels.JOB_JOURNAL, LokiLabels.JOB_JOURNAL);

    private VectorAgentConfig() {
    }

    /** The complete vector.yaml as an ordered map (stable YAML for diffs and golden files). */
    public static Map<String, Object> render(VectorAgentSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data_dir", DATA_DIR);
        config.put("api", ordered("enabled", true, "address", "0.0.0.0:" + API_PORT));

        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put("pod_logs", ordered(
                "type", "kubernetes_logs",
                // avoid re-shipping days of old pod logs on first start (duplicates of Alloy's, Loki rejects)
                "ignore_older_secs", 600,
                "glob_minimum_cooldown_ms", 15000));
        sources.put("host_journal", ordered(
                "type", "journald",
                "journal_directory", spec.journalDirectory(),
                // keep the shutdown logs of the previous boot: the reboot test reads them
                "current_boot_only", false));
        sources.put("vector_metrics", ordered("type", "internal_metrics"));
        config.put("sources", sources);

        Map<String, Object> transforms = new LinkedHashMap<>();
        transforms.put("pod_labels", ordered("type", "remap", "inputs", List.of("pod_logs"), "source", K8S_REMAP));
        transforms.put("journal_labels", ordered("type", "remap", "inputs", List.of("host_journal"),
                "source", JOURNAL_REMAP));
        config.put("transforms", transforms);

        Map<String, Object> sinks = new LinkedHashMap<>();
        Map<String, Object> loki = ordered(
                "type", "loki",
                "inputs", List.of("pod_labels", "journal_labels"),
                "endpoint", spec.lokiEndpoint().toString(),
                "encoding", ordered("codec", "text"),
                "labels", labelTemplates(),
                "remove_label_fields", true,
                "out_of_order_action", "accept",
                "buffer", ordered("type", "disk", "max_size", spec.bufferMaxBytes(), "when_full", "block"),
                "batch", ordered("max_bytes", 1_000_000, "timeout_secs", 1),
                "request", ordered("timeout_secs", 60),
                "healthcheck", ordered("enabled", true));
        spec.tenantId().ifPresent(tenant -> loki.put("tenant_id", tenant));
        sinks.put(LOKI_SINK, loki);
        sinks.put("vector_metrics_exporter", ordered(
                "type", "prometheus_exporter",
                "inputs", List.of("vector_metrics"),
                "address", "0.0.0.0:" + METRICS_PORT));
        config.put("sinks", sinks);
        return config;
    }

    /** {@code namespace: "{{ namespace }}"} etc.: Vector field templates, one per label. */
    static Map<String, Object> labelTemplates() {
        Map<String, Object> labels = new LinkedHashMap<>();
        for (String name : LokiLabels.NAMES) {
            labels.put(name, "{{ " + name + " }}");
        }
        return labels;
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
