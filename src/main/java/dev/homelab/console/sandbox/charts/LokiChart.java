package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * loki, from grafana/loki 6.x (last OSS 6.55.0) or the grafana-community fork (7.x ... 18.x): the single binary
 * StatefulSet with its Services, the nginx gateway, optional canary and memcached caches, and the ConfigMap
 * {@code loki} whose {@code config.yaml} is rendered from the values (schema, S3 storage), like the chart does.
 */
public final class LokiChart implements Chart {

    @Override
    public String name() {
        return "loki";
    }

    @Override
    public String latestVersion() {
        return "6.55.0";
    }

    @Override
    public String appVersion() {
        return "3.6.7";
    }

    @Override
    public String appVersion(String chartVersion) {
        return isCommunityVersion(chartVersion) ? "3.7.6" : appVersion();
    }

    @Override
    public String repositoryUrl() {
        return "https://grafana.github.io/helm-charts";
    }

    /** The community chart's numbering continued past 7.0 from the 6.55.0 fork. */
    public static boolean isCommunityVersion(String chartVersion) {
        try {
            return Integer.parseInt(chartVersion.split("\\.")[0]) >= 7;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        String image = "docker.io/grafana/loki:" + (ctx.release().appVersion().isEmpty()
                ? appVersion(ctx.release().version()) : ctx.release().appVersion());
        Rendering r = new Rendering();
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/instance", release);
        r.object(Objects.configMap(full, labels, Map.of("config.yaml", config(v))));
        r.object(Objects.configMap(full + "-runtime", labels, Map.of("runtime-config.yaml", "{}\n")));

        int replicas = Math.max(1, v.integer("singleBinary.replicas", 1));
        Workloads single = Workloads.statefulSet(full, "loki").replicas(replicas)
                .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                .selector("app.kubernetes.io/component", "single-binary")
                .label("app.kubernetes.io/part-of", "memberlist")
                .container("loki", image, List.of("-config.file=/etc/loki/config/config.yaml", "-target=all",
                                "-config.expand-env=true"),
                        "http-metrics:3100", "grpc:9095", "http-memberlist:7946")
                .service(full, "loki", "http-metrics:3100", "grpc:9095")
                .headlessService(full + "-headless", "http-metrics:3100");
        r.workload(single.build());
        r.object(new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName(full + "-memberlist")
                .withLabels(labels).endMetadata().withNewSpec().withClusterIP("None")
                .addToSelector("app.kubernetes.io/instance", release)
                .addToSelector("app.kubernetes.io/part-of", "memberlist")
                .addNewPort().withName("tcp").withPort(7946).withNewTargetPort(7946).endPort().endSpec().build());
        if (v.bool("gateway.enabled", true)) {
            r.workload(Workloads.deployment(full + "-gateway", "loki-gateway")
                    .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                    .selector("app.kubernetes.io/component", "gateway")
                    .container("nginx", "docker.io/nginxinc/nginx-unprivileged:1.29-alpine", List.of(),
                            "http-metrics:8080")
                    .service(full + "-gateway", "loki", "http-metrics:80:8080").build());
        }
        if (v.bool("lokiCanary.enabled", true)) {
            r.workload(Workloads.daemonSet(full + "-canary", "loki-canary")
                    .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                    .selector("app.kubernetes.io/component", "canary")
                    .container("loki-canary", "docker.io/grafana/loki-canary:" + appVersion(),
                            List.of("-addr=" + full + "-gateway." + ctx.namespace() + ".svc.cluster.local.:80"),
                            "http-metrics:3500")
                    .service(full + "-canary", null, "http-metrics:3500").build());
        }
        for (String cache : List.of("chunks", "results")) {
            if (v.bool(cache + "Cache.enabled", true)) {
                r.workload(Workloads.statefulSet(full + "-" + cache + "-cache", "memcached-" + cache)
                        .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                        .selector("app.kubernetes.io/component", "memcached-" + cache + "-cache")
                        .container("memcached", "memcached:1.6.39-alpine", List.of("-m " + ("chunks".equals(cache)
                                ? v.integer("chunksCache.allocatedMemory", 8192)
                                : v.integer("resultsCache.allocatedMemory", 1024))), "client:11211")
                        .headlessService(full + "-" + cache + "-cache", "memcached-client:11211").build());
            }
        }
        return r;
    }

    /** Loki's config.yaml as the chart's template assembles it from the values. */
    static String config(Values v) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("auth_enabled", v.bool("loki.auth_enabled", true));
        config.put("server", Map.of("http_listen_port", 3100, "grpc_listen_port", 9095, "log_level", "info"));
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("path_prefix", "/var/loki");
        common.put("replication_factor", v.integer("loki.commonConfig.replication_factor", 3));
        common.put("compactor_address", "http://loki:3100");
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("endpoint", v.string("loki.storage.s3.endpoint", ""));
        s3.put("bucketnames", v.string("loki.storage.bucketNames.chunks", ""));
        s3.put("region", v.string("loki.storage.s3.region", "us-east-1"));
        s3.put("access_key_id", v.string("loki.storage.s3.accessKeyId", ""));
        s3.put("secret_access_key", v.string("loki.storage.s3.secretAccessKey", ""));
        s3.put("s3forcepathstyle", v.bool("loki.storage.s3.s3ForcePathStyle", false));
        s3.put("insecure", v.bool("loki.storage.s3.insecure", false));
        common.put("storage", Map.of("s3", s3));
        config.put("common", common);
        config.put("schema_config", Map.of("configs", v.list("loki.schemaConfig.configs")));
        Map<String, Object> limits = new LinkedHashMap<>(Map.of("reject_old_samples", true,
                "reject_old_samples_max_age", "168h", "max_cache_freshness_per_query", "10m",
                "split_queries_by_interval", "15m", "query_timeout", "300s", "volume_enabled", true));
        limits.putAll(v.map("loki.limits_config"));
        config.put("limits_config", limits);
        config.put("ruler", Map.of("storage", Map.of("type", "s3", "s3",
                Map.of("bucketnames", v.string("loki.storage.bucketNames.ruler", "")))));
        config.put("compactor", v.map("loki.compactor"));
        config.put("pattern_ingester", Map.of("enabled", false));
        Map<String, Object> structured = v.map("loki.structuredConfig");
        config.putAll(structured);
        return Yaml.MAPPER.writeValueAsString(config);
    }
}
