package dev.homelab.console.migration.phase3;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.gitops.GitOpsExport;
import dev.homelab.console.stack.gitops.SecretTemplate;
import dev.homelab.console.stack.gitops.TargetState;
import dev.homelab.console.stack.values.ValuesTree;
import dev.homelab.console.testing.MockServerLab;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Loki's share of the GitOps export: the values after the review's fixes, and its Secrets as templates. */
@EnableKubernetesMockClient(crud = true, https = false)
class LokiReviewExportTest {

    KubernetesClient client;
    @TempDir
    Path home;

    private StepContext context(Map<String, Object> values) {
        FakeReleaseManager releases = new FakeReleaseManager();
        releases.histories.put("logging/loki", List.of(new HelmRelease("loki", "logging", 3, "deployed", "loki",
                "6.55.0", "3.6.0", values, "", Instant.now(), "Upgrade complete")));
        return new MockServerLab(client).stepContext(home, LokiReviewStep.ID, releases, Map.of());
    }

    private static Map<String, Object> lokiValues(Map<String, Object> s3, Map<String, Object> global) {
        return Map.of("deploymentMode", "SingleBinary", "global", global,
                "loki", Map.of("auth_enabled", false, "storage", Map.of("type", "s3",
                        "bucketNames", Map.of("chunks", "loki-chunks", "ruler", "loki-data"), "s3", s3)));
    }

    @Test
    void exportedValuesCarryTheReviewsFixesAndKeysInClearMoveToASecret(@TempDir Path folder) throws Exception {
        StepContext context = context(lokiValues(Map.of("endpoint", "minio.minio.svc:9000",
                "s3ForcePathStyle", false, "accessKeyId", "clear-access-1234", "secretAccessKey", "clear-secret-5678"),
                Map.of()));

        TargetState state = new LokiReviewStep().target(context).orElseThrow();

        Map<String, Object> values = state.releases().get(0).values();
        assertThat(ValuesTree.getBoolean(values, "loki.storage.s3.s3ForcePathStyle")).as("the review's fix").contains(true);
        assertThat(ValuesTree.getString(values, "loki.storage.s3.secretAccessKey")).contains("${LOKI_S3_SECRET_ACCESS_KEY}");
        assertThat(state.secrets()).extracting(SecretTemplate::id).containsExactly("logging/loki-s3-credentials");
        assertThat(state.notes()).anySatisfy(n -> assertThat(n).contains("review's").contains("fixes"));

        GitOpsExport.write(folder, state, List.of("clear-access-1234", "clear-secret-5678"));
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as("%s", file).doesNotContain("clear-access-1234")
                        .doesNotContain("clear-secret-5678");
            }
        }
    }

    @Test
    void theSecretLokiTakesItsKeysFromIsTemplatedWithTheKeyNamesItHasInTheCluster() throws Exception {
        client.secrets().inNamespace("logging").resource(new SecretBuilder().withNewMetadata().withName("loki-minio")
                .withNamespace("logging").endMetadata()
                .addToData("MINIO_ACCESS_KEY_ID", "aWQ=").addToData("MINIO_SECRET_ACCESS_KEY", "c2VjcmV0")
                .addToData("EXTRA_KEY", "eA==").build()).create();
        StepContext context = context(lokiValues(Map.of("endpoint", "minio.minio.svc:9000", "s3ForcePathStyle", true,
                        "accessKeyId", "${MINIO_ACCESS_KEY_ID}", "secretAccessKey", "${MINIO_SECRET_ACCESS_KEY}"),
                Map.of("extraArgs", List.of("-config.expand-env=true"),
                        "extraEnvFrom", List.of(Map.of("secretRef", Map.of("name", "loki-minio"))))));

        TargetState state = new LokiReviewStep().target(context).orElseThrow();

        SecretTemplate secret = state.secrets().get(0);
        assertThat(secret.id()).isEqualTo("logging/loki-minio");
        assertThat(secret.keys()).containsOnlyKeys("MINIO_ACCESS_KEY_ID", "MINIO_SECRET_ACCESS_KEY", "EXTRA_KEY");
        assertThat(secret.keys().get("MINIO_SECRET_ACCESS_KEY").variable()).isEqualTo("HOMELAB_S3_SECRET_KEY");
        assertThat(state.releases().get(0).values().toString()).doesNotContain("c2VjcmV0");
    }
}
