package dev.homelab.console.migration.phase1;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.Migration;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationLock;
import dev.homelab.console.migration.MigrationPlanBuilder;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.migration.StepState;
import dev.homelab.console.migration.TestConsoles;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.s3.LocalS3;
import dev.homelab.console.verify.s3.S3BucketCheck;
import dev.homelab.console.verify.s3.S3Credentials;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase 1 through the engine: mock cluster with a realistic Loki release, MinIO played by s3proxy. */
@EnableKubernetesMockClient(crud = true, https = false)
class PhaseOneTest {

    static final S3Credentials MINIO = new S3Credentials("loki-user", "loki-secret-0123456789");
    static final ServiceRef MINIO_SERVICE = new ServiceRef("minio", "minio", 9000);

    KubernetesClient client;
    @TempDir
    Path home;
    LocalS3 s3;
    FakeReleaseManager releases = new FakeReleaseManager();

    @BeforeEach
    void setUp() throws Exception {
        s3 = LocalS3.start(MINIO);
        new S3BucketCheck(s3.endpoint(), MINIO, null).create("loki-data");
    }

    @AfterEach
    void tearDown() throws Exception {
        s3.close();
    }

    MigrationEngine engine(SecretsProvider secrets) {
        Migration migration = new MigrationPlanBuilder().phase(1, "Repositories and buckets")
                .step(new HelmRepositoriesStep()).step(new MinioBucketsStep()).build();
        return new MigrationEngine(TestConsoles.console(client, releases, home, Map.of(MINIO_SERVICE, s3.endpoint())),
                migration, secrets, new MigrationLock(client, "test pid 1", Duration.ofSeconds(60), Clock.systemUTC()),
                Clock.systemUTC());
    }

    MigrationEngine engine() {
        return engine(SecretsProvider.fromLookup(name -> null));
    }

    void installLoki(String chartVersion, String secretKeyInCluster) {
        Map<String, Object> values = Map.of(
                "deploymentMode", "SingleBinary",
                "global", Map.of("extraEnvFrom", List.of(Map.of("secretRef", Map.of("name", "loki-s3")))),
                "loki", Map.of("storage", Map.of(
                        "type", "s3",
                        "bucketNames", Map.of("chunks", "loki-chunks", "ruler", "loki-data"),
                        "s3", Map.of("endpoint", "minio.minio.svc:9000", "insecure", true, "s3ForcePathStyle", true,
                                "accessKeyId", "${MINIO_ACCESS_KEY}", "secretAccessKey", "${MINIO_SECRET_KEY}"))));
        releases.preinstall(new HelmRelease("loki", "logging", 1, "deployed", "loki", chartVersion, "3.6.7", values,
                "", Instant.now(), "Install complete"));
        client.resource(new SecretBuilder().withNewMetadata().withName("loki-s3").withNamespace("logging")
                .endMetadata()
                .addToData("MINIO_ACCESS_KEY", b64(MINIO.accessKey()))
                .addToData("MINIO_SECRET_KEY", b64(secretKeyInCluster)).build()).create();
    }

    @Test
    void findsLokisBucketsAndKeysCreatesTheMissingBucketAndProvesBothWritable() throws Exception {
        installLoki("6.55.0", MINIO.secretKey());
        MigrationEngine engine = engine();

        List<PreflightCheck> preflight = engine.preflight(MinioBucketsStep.ID);
        assertThat(preflight).noneMatch(PreflightCheck::blocks);
        assertThat(preflight).anyMatch(c -> c.reason().contains("Secret logging/loki-s3"));
        assertThat(preflight).anyMatch(c -> c.id().equals("s3.bucket.loki-chunks")
                && c.severity() == PreflightCheck.Severity.WARNING);
        StepPlan plan = engine.plan(MinioBucketsStep.ID);
        assertThat(plan.changes()).extracting(c -> c.description())
                .contains("create bucket loki-chunks at minio.minio.svc:9000");

        StepRun run = engine.apply(MinioBucketsStep.ID, plan, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        assertThat(run.verification()).extracting(CheckResult::verdict).containsOnly(Verdict.PASSED);
        assertThat(run.verification()).extracting(CheckResult::id)
                .containsExactlyInAnyOrder("s3.bucket.loki-data", "s3.bucket.loki-chunks");
        assertThat(engine.record(MinioBucketsStep.ID).outputs())
                .containsEntry("s3.credentialsSecret", "logging/loki-s3")
                .containsEntry("s3.createdBuckets", "loki-chunks");
        assertThat(engine.journal().toString()).doesNotContain(MINIO.secretKey());

        engine.undo(MinioBucketsStep.ID, Progress.none());

        S3BucketCheck check = new S3BucketCheck(s3.endpoint(), MINIO, null);
        assertThat(check.exists("loki-chunks")).isFalse();
        assertThat(check.exists("loki-data")).isTrue();
        assertThat(engine.record(MinioBucketsStep.ID).state()).isEqualTo(StepState.UNDONE);
    }

    @Test
    void aWrongSecretInLokisSecretBlocksWithTheExactS3Error() {
        installLoki("6.55.0", "this-is-not-it");
        MigrationEngine engine = engine();

        StepRun run = engine.apply(MinioBucketsStep.ID, null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.BLOCKED);
        assertThat(run.error()).contains("SignatureDoesNotMatch").doesNotContain("this-is-not-it");
    }

    @Test
    void withoutLokiTheUserMustEnterTheEndpoint() {
        StepRun run = engine().apply(MinioBucketsStep.ID, null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.BLOCKED);
        assertThat(run.error()).contains("No Loki release was found").contains("Enter the MinIO endpoint");
    }

    @Test
    void enteredEndpointAndKeysAreUsedWhenThereIsNoLoki() {
        MigrationEngine engine = engine(SecretsProvider.entered(SecretsProvider.fromLookup(name -> null))
                .put(SecretsProvider.S3_ACCESS_KEY, MINIO.accessKey())
                .put(SecretsProvider.S3_SECRET_KEY, MINIO.secretKey()));
        engine.updateSettings(engine.settings().withS3Endpoint(s3.endpoint().toString()));

        StepRun run = engine.apply(MinioBucketsStep.ID, null, Progress.none());

        assertThat(run.succeeded()).isTrue();
        assertThat(run.verifiedGreen()).isTrue();
    }

    @Test
    void repositoriesFollowTheInstalledLokiChart() {
        installLoki("18.11.0", MINIO.secretKey());
        MigrationEngine engine = engine();

        StepPlan plan = engine.plan(HelmRepositoriesStep.ID);

        assertThat(plan.changes()).allMatch(c -> c.kind() == ChangeKind.HELM_REPOSITORY)
                .extracting(c -> c.name()).containsExactly("victoria-metrics", "vector", "grafana-community");
        StepRun run = engine.apply(HelmRepositoriesStep.ID, plan, Progress.none());
        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        assertThat(releases.repositories).containsKeys("victoria-metrics", "vector", "grafana-community");
        assertThat(run.verification()).isNotEmpty().allMatch(r -> r.verdict() == Verdict.UNVERIFIED)
                .allMatch(r -> r.summary().startsWith("Could not verify, because"));
    }

    @Test
    void anOldOssLokiChartNeedsTheGrafanaRepository() {
        installLoki("6.55.0", MINIO.secretKey());

        assertThat(engine().plan(HelmRepositoriesStep.ID).changes()).extracting(c -> c.name())
                .contains("grafana").doesNotContain("grafana-community");
    }

    @Test
    void anUnreachableRepositoryFailsWithHelmsMessageAndTheMirrorHint() {
        releases.failRepositoryWith = "Could not add Helm repository victoria-metrics "
                + "(https://victoriametrics.github.io/helm-charts/): looks like \"https://victoriametrics.github.io/"
                + "helm-charts/\" is not a valid chart repository or cannot be reached: dial tcp: lookup "
                + "victoriametrics.github.io: no such host";
        MigrationEngine engine = engine();

        StepRun run = engine.apply(HelmRepositoriesStep.ID, null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.FAILED);
        assertThat(run.error()).contains("no such host").contains("repo.victoria-metrics=<mirror URL>");
        assertThat(engine.record(HelmRepositoriesStep.ID).state()).isEqualTo(StepState.FAILED);
    }

    @Test
    void endpointsNameInClusterServicesOrExternalHosts() {
        assertThat(LokiS3Discovery.serviceOf("minio.minio.svc:9000", "logging"))
                .isEqualTo(new ServiceRef("minio", "minio", 9000));
        assertThat(LokiS3Discovery.serviceOf("minio.storage.svc.cluster.local.:9000", "logging"))
                .isEqualTo(new ServiceRef("storage", "minio", 9000));
        assertThat(LokiS3Discovery.serviceOf("minio:9000", "logging"))
                .isEqualTo(new ServiceRef("logging", "minio", 9000));
        assertThat(LokiS3Discovery.serviceOf("192.168.1.20:9000", "logging")).isNull();
        assertThat(LokiS3Discovery.serviceOf("https://s3.example.com", "logging")).isNull();
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
