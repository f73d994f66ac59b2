package dev.homelab.console.stack.loki;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.cluster.Inventory.LokiDetails;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.stack.loki.LokiFinding.Severity;
import dev.homelab.console.stack.values.ValuesChange;
import dev.homelab.console.stack.values.ValuesTree;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reviews an installed Loki release against the target: single binary, schema v13 on tsdb, S3 on MinIO with
 * path-style access and the loki-data / loki-chunks buckets, settings that fit an 8 GiB Raspberry Pi, and the
 * tenant the Vector sink must use. Works from the release's own values plus the chart family's defaults; the
 * running configuration ({@code /config}) and {@code /ready}, when given, are the stronger evidence.
 */
public final class LokiReview {

    static final List<String> TARGET_BUCKETS = List.of("loki-chunks", "loki-data");
    /** chunksCache.allocatedMemory (MB) above which an 8 GiB Pi is at risk; the chart default is 8192. */
    static final long PI_SAFE_CACHE_MB = 512;

    private final HelmRelease release;
    private final LokiDetails details;
    private final Map<String, Object> values;
    private final List<LokiFinding> findings = new ArrayList<>();

    private LokiReview(HelmRelease release, LokiDetails details) {
        this.release = release;
        this.details = details;
        this.values = release.values();
    }

    /**
     * @param details       the inventory's reading of the release (chart family, mode and where it came from)
     * @param minioEndpoint the MinIO Service as host:port when known (e.g. {@code minio.minio.svc:9000})
     * @param running       what the running Loki said, when it could be asked
     */
    public static LokiReviewReport review(HelmRelease release, LokiDetails details,
                                          Optional<String> minioEndpoint, Optional<LokiRuntimeFacts> running) {
        LokiReview review = new LokiReview(release, details);
        review.chartFamily();
        review.deploymentMode();
        review.schema(running);
        review.storage(minioEndpoint);
        review.piSizing();
        review.retention();
        boolean authEnabled = review.auth();
        running.ifPresent(review::readiness);
        return new LokiReviewReport(release.namespace(), release.name(), release.chart(), details.chartFamily(),
                review.findings, authEnabled);
    }

    private void chartFamily() {
        String evidence = "release " + release.namespace() + "/" + release.name() + " uses chart " + release.chart()
                + " (app " + release.appVersion() + "): " + details.chartFamilyReason();
        switch (details.chartFamily()) {
            case GRAFANA_ENTERPRISE -> add("chart-family", Severity.WARNING, "Chart is grafana/loki 7.x, maintained for "
                    + "Grafana Enterprise Logs only", evidence, "Upgrades of this chart target GEL. The OSS chart now "
                    + "lives in grafana-community/helm-charts; moving to it is a separate, planned chart switch "
                    + "(keep values, check the breaking changes 7.0–18.0). Loki keeps working meanwhile.", null);
            case UNKNOWN -> add("chart-family", Severity.WARNING, "Could not tell which Loki chart this is", evidence,
                    "Check with `helm repo list` and `helm list -n " + release.namespace() + "`.", null);
            default -> findings.add(LokiFinding.ok("chart-family", "Chart: " + label(details.chartFamily()) + " "
                    + release.chartVersion(), evidence));
        }
    }

    private void deploymentMode() {
        String mode = details.deploymentMode();
        String evidence = "deploymentMode = " + mode + ("values".equals(details.deploymentModeSource()) ? ""
                : " (" + details.deploymentModeSource() + ")");
        if (!mode.equals("SingleBinary") && !mode.equals("Monolithic")) {
            add("deployment-mode", Severity.PROBLEM, "Loki is not a single binary (" + mode + ")", evidence,
                    "The target is one Loki process; " + mode + " runs several targets, each with its own memory.",
                    change("Run Loki as a single binary", Map.of("deploymentMode", "SingleBinary",
                            "singleBinary.replicas", 1, "read.replicas", 0, "write.replicas", 0,
                            "backend.replicas", 0)));
            return;
        }
        Map<String, Object> zero = new LinkedHashMap<>();
        List<String> running = new ArrayList<>();
        for (String target : List.of("read", "write", "backend")) {
            long replicas = ValuesTree.getLong(values, target + ".replicas").orElse(3L);
            if (replicas > 0) {
                zero.put(target + ".replicas", 0);
                running.add(target + ".replicas = " + replicas + (ValuesTree.get(values, target + ".replicas").isEmpty()
                        ? " (chart default)" : ""));
            }
        }
        if (!zero.isEmpty()) {
            add("deployment-mode", Severity.PROBLEM, "Single binary, but simple-scalable targets still have replicas",
                    evidence + "; " + String.join(", ", running),
                    "The chart refuses to render a single binary while read/write/backend have replicas.",
                    change("Scale the simple-scalable targets to 0", zero));
        } else {
            findings.add(LokiFinding.ok("deployment-mode", "Single binary (" + mode + ")", evidence));
        }
    }

    private void schema(Optional<LokiRuntimeFacts> running) {
        List<Map<String, Object>> periods = schemaPeriods();
        Optional<Map<String, Object>> latest = periods.stream()
                .max((a, b) -> String.valueOf(a.get("from")).compareTo(String.valueOf(b.get("from"))));
        String evidence = periods.isEmpty() ? "loki.schemaConfig.configs is empty"
                : "loki.schemaConfig.configs: " + periods;
        if (running.isPresent() && running.get().schemaSummary().isPresent()) {
            evidence += "; running /config: " + running.get().schemaSummary().get();
        }
        boolean v13 = latest.map(p -> "v13".equals(p.get("schema")) && "tsdb".equals(p.get("store"))).orElse(false);
        if (v13) {
            findings.add(LokiFinding.ok("schema", "Schema v13 on tsdb (from " + latest.get().get("from") + ")", evidence));
            return;
        }
        String from = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        List<Object> newPeriods = new ArrayList<>(periods);
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("from", from);
        period.put("store", "tsdb");
        period.put("object_store", "s3");
        period.put("schema", "v13");
        period.put("index", Map.of("prefix", "loki_index_", "period", "24h"));
        newPeriods.add(period);
        add("schema", Severity.PROBLEM, "No schema v13 (tsdb) period is in effect", evidence,
                "Existing periods must never be edited (their data would become unreadable); a new v13 period starting "
                        + "tomorrow (" + from + ", UTC) moves new data to tsdb while old chunks stay readable.",
                change("Add a schema v13 / tsdb period from " + from, Map.of("loki.schemaConfig.configs", newPeriods)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> schemaPeriods() {
        Object configs = ValuesTree.get(values, "loki.schemaConfig.configs").orElse(List.of());
        if (!(configs instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    private void storage(Optional<String> minioEndpoint) {
        String type = ValuesTree.getString(values, "loki.storage.type").orElse("s3");
        if (!type.equals("s3")) {
            add("storage", Severity.PROBLEM, "Loki stores on '" + type + "', not on S3", "loki.storage.type = " + type,
                    "The target keeps Loki's data in MinIO (S3). Switching storage is a data migration: plan it "
                            + "separately; the console will not change it for you.", null);
            return;
        }
        String endpoint = ValuesTree.getString(values, "loki.storage.s3.endpoint").orElse("");
        if (endpoint.isEmpty()) {
            add("s3-endpoint", Severity.PROBLEM, "No S3 endpoint configured", "loki.storage.s3.endpoint is not set",
                    "Without an endpoint Loki talks to AWS S3.", minioEndpoint.map(e ->
                            new ValuesChange("Point Loki at MinIO", Map.of("loki.storage.s3.endpoint", e))).orElse(null));
        } else if (minioEndpoint.isPresent() && !sameHost(endpoint, minioEndpoint.get())) {
            add("s3-endpoint", Severity.WARNING, "S3 endpoint is not the MinIO found in the cluster",
                    "loki.storage.s3.endpoint = " + endpoint + "; MinIO Service: " + minioEndpoint.get(),
                    "Fine if Loki uses another S3 on purpose; Phase 1 checks the buckets at this endpoint.", null);
        } else {
            findings.add(LokiFinding.ok("s3-endpoint", "S3 endpoint " + endpoint, "loki.storage.s3.endpoint = " + endpoint));
        }
        boolean pathStyle = ValuesTree.getBoolean(values, "loki.storage.s3.s3ForcePathStyle").orElse(false);
        if (!pathStyle) {
            add("s3-path-style", Severity.PROBLEM, "S3 path-style access is off",
                    "loki.storage.s3.s3ForcePathStyle = " + ValuesTree.getString(values, "loki.storage.s3.s3ForcePathStyle")
                            .orElse("false (chart default)"),
                    "MinIO serves buckets by path (http://minio:9000/loki-chunks), not as bucket.minio host names.",
                    change("Use path-style S3 addressing", Map.of("loki.storage.s3.s3ForcePathStyle", true)));
        } else {
            findings.add(LokiFinding.ok("s3-path-style", "Path-style S3 access", "loki.storage.s3.s3ForcePathStyle = true"));
        }
        String chunks = ValuesTree.getString(values, "loki.storage.bucketNames.chunks").orElse("");
        String ruler = ValuesTree.getString(values, "loki.storage.bucketNames.ruler").orElse("");
        String evidence = "loki.storage.bucketNames.chunks = " + (chunks.isEmpty() ? "(unset)" : chunks)
                + ", ruler = " + (ruler.isEmpty() ? "(unset)" : ruler);
        if (TARGET_BUCKETS.contains(chunks) && TARGET_BUCKETS.contains(ruler)) {
            findings.add(LokiFinding.ok("buckets", "Buckets " + chunks + " and " + ruler, evidence));
        } else if (chunks.isEmpty()) {
            add("buckets", Severity.PROBLEM, "No chunks bucket configured", evidence,
                    "The chart needs bucketNames with object storage.", change("Use the loki-chunks and loki-data buckets",
                            Map.of("loki.storage.bucketNames.chunks", "loki-chunks",
                                    "loki.storage.bucketNames.ruler", "loki-data")));
        } else {
            add("buckets", Severity.WARNING, "Buckets differ from loki-data / loki-chunks", evidence,
                    "Loki keeps using its buckets; Phase 1 checks the ones it actually uses.", null);
        }
    }

    private void piSizing() {
        boolean chunksCache = ValuesTree.getBoolean(values, "chunksCache.enabled").orElse(true);
        long chunksMb = ValuesTree.getLong(values, "chunksCache.allocatedMemory").orElse(8192L);
        if (chunksCache && chunksMb > PI_SAFE_CACHE_MB) {
            add("chunks-cache", Severity.PROBLEM, "Chunks cache asks for " + chunksMb + " MB",
                    "chunksCache.enabled = true, chunksCache.allocatedMemory = " + chunksMb
                            + (ValuesTree.get(values, "chunksCache.allocatedMemory").isEmpty() ? " (chart default)" : ""),
                    "The memcached pod requests about " + Math.round(chunksMb * 1.2 / 1024.0 * 10) / 10.0
                            + " GiB: unschedulable or OOM on an 8 GiB Raspberry Pi (grafana/loki#15813).",
                    change("Disable the chunks cache", Map.of("chunksCache.enabled", false)));
        } else {
            findings.add(LokiFinding.ok("chunks-cache", "Chunks cache fits a Pi",
                    "chunksCache.enabled = " + chunksCache + (chunksCache ? ", allocatedMemory = " + chunksMb : "")));
        }
        boolean resultsCache = ValuesTree.getBoolean(values, "resultsCache.enabled").orElse(true);
        long resultsMb = ValuesTree.getLong(values, "resultsCache.allocatedMemory").orElse(1024L);
        if (resultsCache && resultsMb > PI_SAFE_CACHE_MB) {
            add("results-cache", Severity.WARNING, "Results cache asks for " + resultsMb + " MB",
                    "resultsCache.enabled = true, resultsCache.allocatedMemory = " + resultsMb,
                    "1 GiB for query results is a lot on a Pi; 128 MB serves a home lab.",
                    change("Shrink the results cache", Map.of("resultsCache.allocatedMemory", 128)));
        }
        boolean canary = ValuesTree.getBoolean(values, "lokiCanary.enabled").orElse(true);
        if (canary) {
            add("canary", Severity.WARNING, "Loki canary runs on every node", "lokiCanary.enabled = true"
                            + (ValuesTree.get(values, "lokiCanary.enabled").isEmpty() ? " (chart default)" : ""),
                    "A DaemonSet writing and querying test logs: memory and log volume on every Pi for little use here.",
                    change("Disable the canary and the chart test", Map.of("lokiCanary.enabled", false,
                            "test.enabled", false)));
        }
        long replication = ValuesTree.getLong(values, "loki.commonConfig.replication_factor").orElse(3L);
        if (replication != 1) {
            add("replication", Severity.PROBLEM, "Replication factor " + replication + " with one Loki",
                    "loki.commonConfig.replication_factor = " + replication
                            + (ValuesTree.get(values, "loki.commonConfig.replication_factor").isEmpty() ? " (chart default)" : ""),
                    "A single binary cannot reach a write quorum of " + replication + ".",
                    change("Use replication factor 1", Map.of("loki.commonConfig.replication_factor", 1)));
        }
    }

    private void retention() {
        boolean retention = ValuesTree.getBoolean(values, "loki.compactor.retention_enabled").orElse(false);
        if (retention && ValuesTree.get(values, "loki.compactor.delete_request_store").isEmpty()) {
            add("retention", Severity.PROBLEM, "Retention on without a delete request store",
                    "loki.compactor.retention_enabled = true, loki.compactor.delete_request_store unset",
                    "Loki 3 refuses to start in this state (grafana/loki#12588).",
                    change("Store delete requests in S3", Map.of("loki.compactor.delete_request_store", "s3")));
        }
    }

    private boolean auth() {
        boolean authEnabled = ValuesTree.getBoolean(values, "loki.auth_enabled").orElse(true);
        String evidence = "loki.auth_enabled = " + authEnabled
                + (ValuesTree.get(values, "loki.auth_enabled").isEmpty() ? " (chart default)" : "");
        findings.add(new LokiFinding("auth", Severity.OK, authEnabled
                ? "Multi-tenant: Vector must send X-Scope-OrgID" : "Single tenant (no X-Scope-OrgID needed)",
                evidence, authEnabled ? "Vector's sink gets the same tenant Alloy used, so queries keep finding old "
                + "and new logs." : "", Optional.empty()));
        return authEnabled;
    }

    private void readiness(LokiRuntimeFacts running) {
        if (running.ready()) {
            findings.add(LokiFinding.ok("ready", "Loki answers /ready", running.readyEvidence()));
        } else {
            add("ready", Severity.PROBLEM, "Loki is not ready", running.readyEvidence(),
                    "Vector would buffer until Loki answers; look at the Loki pod's log (Logs page).", null);
        }
    }

    private static String label(LokiChartFamily family) {
        return switch (family) {
            case GRAFANA_OSS -> "grafana/loki (OSS line, ≤ 6.x)";
            case GRAFANA_ENTERPRISE -> "grafana/loki 7.x (Grafana Enterprise Logs only)";
            case GRAFANA_COMMUNITY -> "grafana-community/loki";
            case UNKNOWN -> "unknown Loki chart";
        };
    }

    private static ValuesChange change(String reason, Map<String, Object> set) {
        return new ValuesChange(reason, set);
    }

    private void add(String id, Severity severity, String title, String evidence, String explanation,
                     ValuesChange fix) {
        findings.add(new LokiFinding(id, severity, title, evidence, explanation, Optional.ofNullable(fix)));
    }

    private static boolean sameHost(String endpoint, String minio) {
        String a = endpoint.replaceFirst("^https?://", "").replaceAll("/.*$", "");
        String b = minio.replaceFirst("^https?://", "").replaceAll("/.*$", "");
        String hostA = a.split(":")[0];
        String hostB = b.split(":")[0];
        return hostA.equals(hostB) || hostA.startsWith(hostB + ".") || hostB.startsWith(hostA + ".");
    }
}
