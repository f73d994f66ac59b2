package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;
import io.fabric8.kubernetes.api.model.VolumeBuilder;

import java.util.List;
import java.util.Map;

/**
 * vector (chart 0.57.0): role Agent is a DaemonSet (one pod per node) with a hostPath data dir, role Aggregator a
 * StatefulSet; the ConfigMap holds vector.yaml from {@code customConfig}; the Service exposes the API (8686) and
 * the Prometheus exporter (9090).
 */
public final class VectorChart implements Chart {

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String latestVersion() {
        return "0.57.0";
    }

    @Override
    public String appVersion() {
        return "0.56.0-distroless-libc";
    }

    @Override
    public String repositoryUrl() {
        return "https://helm.vector.dev";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        boolean agent = "Agent".equals(v.string("role", "Aggregator"));
        String base = v.string("image.base", "");
        String tag = v.string("image.tag", base.isEmpty() ? appVersion() : "0.56.0-" + base);
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/instance", release,
                "app.kubernetes.io/component", agent ? "Agent" : "Aggregator");
        Rendering r = new Rendering();
        Map<String, Object> config = v.map("customConfig");
        r.object(Objects.configMap(full, labels, Map.of("vector.yaml",
                config.isEmpty() ? DEFAULT_AGENT_CONFIG : Yaml.MAPPER.writeValueAsString(config))));
        Workloads w = (agent ? Workloads.daemonSet(full, "vector") : Workloads.statefulSet(full, "vector"))
                .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                .selector("app.kubernetes.io/component", agent ? "Agent" : "Aggregator")
                .labels(stringMap(v.map("podLabels")))
                .container("vector", v.string("image.repository", "docker.io/timberio/vector") + ":" + tag,
                        List.of("--config-dir", "/etc/vector/"), "api:8686", "prom-exporter:9090")
                .service(full, "vector", "api:8686", "prom-exporter:9090");
        if (agent) {
            w.volume(new VolumeBuilder().withName("data").withNewHostPath()
                    .withPath(v.string("persistence.hostPath.path", "/var/lib/vector"))
                    .withType("DirectoryOrCreate").endHostPath().build());
        }
        if (!agent) {
            w.replicas(v.integer("replicas", 1)).headlessService(full + "-headless", "api:8686");
        }
        r.workload(w.build());
        return r;
    }

    private static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        map.forEach((k, val) -> result.put(k, String.valueOf(val)));
        return result;
    }

    private static final String DEFAULT_AGENT_CONFIG = """
            data_dir: /vector-data-dir
            api:
              enabled: true
              address: 127.0.0.1:8686
            sources:
              kubernetes_logs:
                type: kubernetes_logs
              host_metrics:
                type: host_metrics
              internal_metrics:
                type: internal_metrics
            sinks:
              prom_exporter:
                type: prometheus_exporter
                inputs: [host_metrics, internal_metrics]
                address: 0.0.0.0:9090
              stdout:
                type: console
                inputs: [kubernetes_logs]
                encoding:
                  codec: json
            """;
}
