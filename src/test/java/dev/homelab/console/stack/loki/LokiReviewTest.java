package dev.homelab.console.stack.loki;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.cluster.LokiReleaseReader;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.stack.loki.LokiFinding.Severity;
import dev.homelab.console.stack.values.ValuesChange;
import dev.homelab.console.stack.values.ValuesTree;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reviews of realistic releases of the three Loki chart families. */
class LokiReviewTest {

    /** The single-binary-on-MinIO values home labs run with grafana/loki 6.x (modelled on the chart's examples). */
    static final String OSS_655_GOOD = """
            deploymentMode: SingleBinary
            loki:
              auth_enabled: false
              commonConfig:
                replication_factor: 1
              schemaConfig:
                configs:
                  - from: "2024-04-01"
                    store: tsdb
                    object_store: s3
                    schema: v13
                    index:
                      prefix: loki_index_
                      period: 24h
              storage:
                type: s3
                bucketNames:
                  chunks: loki-chunks
                  ruler: loki-data
                s3:
                  endpoint: minio.minio.svc:9000
                  s3ForcePathStyle: true
                  insecure: true
                  accessKeyId: ${MINIO_ACCESS_KEY}
                  secretAccessKey: ${MINIO_SECRET_KEY}
            singleBinary:
              replicas: 1
            read:
              replicas: 0
            write:
              replicas: 0
            backend:
              replicas: 0
            chunksCache:
              enabled: false
            resultsCache:
              enabled: false
            lokiCanary:
              enabled: false
            test:
              enabled: false
            """;

    @Test
    void aWellConfiguredSingleBinaryHasNoProblems() {
        LokiReviewReport report = review(release("6.55.0", "3.6.7", OSS_655_GOOD), Optional.of("minio.minio.svc:9000"));
        assertThat(report.family()).isEqualTo(LokiChartFamily.GRAFANA_OSS);
        assertThat(report.hasProblems()).isFalse();
        assertThat(report.findings()).filteredOn(f -> f.severity() != Severity.OK).isEmpty();
        assertThat(report.authEnabled()).isFalse();
        assertThat(report.proposedChanges()).isEmpty();
    }

    @Test
    void chartDefaultsThatBreakAPiAreFoundWithTheirEvidenceAndFix() {
        String values = """
                deploymentMode: SingleBinary
                loki:
                  schemaConfig:
                    configs:
                      - {from: "2023-01-01", store: boltdb-shipper, object_store: s3, schema: v12, index: {prefix: index_, period: 24h}}
                  storage:
                    bucketNames: {chunks: loki-chunks, ruler: loki-data}
                    s3: {endpoint: "minio.minio.svc:9000"}
                singleBinary: {replicas: 1}
                """;
        LokiReviewReport report = review(release("6.30.1", "3.4.2", values), Optional.of("minio.minio.svc:9000"));

        assertThat(finding(report, "deployment-mode").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "deployment-mode").evidence()).contains("read.replicas = 3 (chart default)");
        assertThat(finding(report, "schema").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "s3-path-style").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "chunks-cache").evidence()).contains("8192 (chart default)");
        assertThat(finding(report, "replication").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "canary").severity()).isEqualTo(Severity.WARNING);
        assertThat(report.authEnabled()).as("auth_enabled defaults to true in the chart").isTrue();

        Map<String, Object> fixed = ValuesChange.applyAll(release("6.30.1", "3.4.2", values).values(),
                report.proposedChanges());
        assertThat(ValuesTree.getLong(fixed, "read.replicas")).contains(0L);
        assertThat(ValuesTree.getBoolean(fixed, "loki.storage.s3.s3ForcePathStyle")).contains(true);
        assertThat(ValuesTree.getBoolean(fixed, "chunksCache.enabled")).contains(false);
        List<?> periods = (List<?>) ValuesTree.get(fixed, "loki.schemaConfig.configs").orElseThrow();
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).toString()).as("existing period untouched").contains("v12").contains("2023-01-01");
        assertThat(periods.get(1).toString()).contains("v13").contains("tsdb");

        LokiReviewReport after = review(release("6.30.1", "3.4.2", Json.YAML.writeValueAsString(fixed)),
                Optional.of("minio.minio.svc:9000"));
        assertThat(after.hasProblems()).as("applying every fix leaves no problem: %s", after.findings()).isFalse();
    }

    @Test
    void communityChartDefaultsToMonolithicAndIsRecognisedByVersion() {
        String values = OSS_655_GOOD.replace("deploymentMode: SingleBinary\n", "");
        LokiReviewReport report = review(release("18.11.0", "3.7.6", values), Optional.empty());
        assertThat(report.family()).isEqualTo(LokiChartFamily.GRAFANA_COMMUNITY);
        assertThat(finding(report, "deployment-mode").severity()).isEqualTo(Severity.OK);
        assertThat(finding(report, "deployment-mode").evidence()).contains("Monolithic (chart default)");
    }

    @Test
    void communityChartsBefore12DefaultToSimpleScalable() {
        String values = OSS_655_GOOD.replace("deploymentMode: SingleBinary\n", "");
        LokiReviewReport report = review(release("11.2.0", "3.6.7", values), Optional.empty());
        assertThat(finding(report, "deployment-mode").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "deployment-mode").fix().orElseThrow().set())
                .containsEntry("deploymentMode", "SingleBinary");
    }

    @Test
    void grafanaLoki7IsFlaggedAsEnterpriseOnly() {
        HelmRelease release = release("7.3.0", "3.6.12", OSS_655_GOOD);
        LokiReviewReport report = LokiReview.review(release, LokiReleaseReader.read(release,
                Map.of("home", "https://grafana.github.io/helm-charts")), Optional.empty(), Optional.empty());
        assertThat(report.family()).isEqualTo(LokiChartFamily.GRAFANA_ENTERPRISE);
        assertThat(finding(report, "chart-family").severity()).isEqualTo(Severity.WARNING);
        assertThat(finding(report, "chart-family").explanation()).contains("grafana-community");
    }

    @Test
    void chartHomeDecidesWhenItIsKnown() {
        HelmRelease release = release("7.3.0", "3.6.12", OSS_655_GOOD);
        LokiReviewReport report = LokiReview.review(release, LokiReleaseReader.read(release,
                Map.of("home", "https://grafana-community.github.io/helm-charts")), Optional.empty(), Optional.empty());
        assertThat(report.family()).isEqualTo(LokiChartFamily.GRAFANA_COMMUNITY);
    }

    @Test
    void retentionWithoutDeleteRequestStoreIsAProblem() {
        String values = OSS_655_GOOD.replace("  auth_enabled: false\n",
                "  auth_enabled: false\n  compactor:\n    retention_enabled: true\n");
        LokiReviewReport report = review(release("6.55.0", "3.6.7", values), Optional.empty());
        assertThat(finding(report, "retention").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "retention").fix().orElseThrow().set())
                .containsEntry("loki.compactor.delete_request_store", "s3");
    }

    @Test
    void runningLokiThatIsNotReadyIsAProblemWithItsAnswer() {
        HelmRelease release = release("6.55.0", "3.6.7", OSS_655_GOOD);
        LokiReviewReport report = LokiReview.review(release, LokiReleaseReader.read(release, Map.of()), Optional.empty(),
                Optional.of(new LokiRuntimeFacts(false, "GET /ready -> 503 \"Ingester not ready\"", Optional.empty())));
        assertThat(finding(report, "ready").severity()).isEqualTo(Severity.PROBLEM);
        assertThat(finding(report, "ready").evidence()).contains("503");
    }

    private static LokiReviewReport review(HelmRelease release, Optional<String> minio) {
        return LokiReview.review(release, LokiReleaseReader.read(release, Map.of()), minio, Optional.empty());
    }

    private static LokiFinding finding(LokiReviewReport report, String id) {
        return report.findings().stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + id + " in " + report.findings()));
    }

    @SuppressWarnings("unchecked")
    static HelmRelease release(String version, String appVersion, String valuesYaml) {
        Map<String, Object> values = Json.YAML.readValue(valuesYaml, Map.class);
        return new HelmRelease("loki", "loki", 3, "deployed", "loki", version, appVersion, values, "",
                Instant.parse("2026-10-01T10:00:00Z"), "Upgrade complete");
    }
}
