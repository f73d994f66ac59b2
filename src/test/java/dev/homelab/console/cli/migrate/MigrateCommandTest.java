package dev.homelab.console.cli.migrate;

import dev.homelab.console.app.Connector;
import dev.homelab.console.cli.HomelabConsoleCommand;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.TestConsoles;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrate commands over the mock cluster, as a user runs them (exit codes, JSON, stderr). */
@EnableKubernetesMockClient(crud = true, https = false)
class MigrateCommandTest {

    KubernetesClient client;
    KubernetesMockServer server;
    @TempDir
    Path home;
    FakeReleaseManager releases = new FakeReleaseManager();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut;
    PrintStream originalErr;

    @BeforeEach
    void setUp() {
        MigrateSession.opener = options -> new Connector.Connected(
                TestConsoles.console(server.createClient(), releases, home, Map.of()), null);
        originalOut = System.out;
        originalErr = System.err;
    }

    @AfterEach
    void tearDown() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        MigrateSession.opener = dev.homelab.console.cli.CliSupport::connect;
    }

    int run(String... args) {
        out.reset();
        err.reset();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return HomelabConsoleCommand.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void planOfPhaseOneIsJsonAndExitsOneWhenAStepIsBlocked() {
        int code = run("migrate", "plan", "--phase", "1", "-o", "json");

        assertThat(code).isEqualTo(1);
        JsonNode plans = Json.JSON.readTree(stdout());
        assertThat(plans.get(0).path("stepId").asString()).isEqualTo("helm-repositories");
        assertThat(plans.get(0).path("plan").path("changes")).hasSize(2);
        assertThat(plans.get(1).path("stepId").asString()).isEqualTo("minio-buckets");
        assertThat(plans.get(1).path("preflight").get(0).path("severity").asString()).isEqualTo("BLOCKING");
    }

    @Test
    void planCanBeWrittenToAFile() throws Exception {
        Path file = home.resolve("plan.txt");

        run("plan", "--step", "helm-repositories", "--write", file.toString());

        assertThat(Files.readString(file)).contains("helm repo add victoria-metrics")
                .contains("https://helm.vector.dev");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void applyRefusesWithoutATerminalOrYes() {
        int code = run("migrate", "apply", "--step", "helm-repositories");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("stdin is not a terminal").contains("--yes");
        assertThat(releases.repositories).isEmpty();
    }

    @Test
    void applyNeedsAPhaseOrAStep() {
        assertThat(run("migrate", "apply", "--yes")).isEqualTo(2);
        assertThat(stderr()).contains("--phase N");
    }

    @Test
    void applyWithYesRunsTheStepAndStatusAndUndoFollowTheJournal() {
        int code = run("migrate", "apply", "--step", "helm-repositories", "--yes", "-o", "json",
                "--repo-url", "vector=http://mirror.lan/vector");

        assertThat(releases.repositories).containsEntry("vector", java.net.URI.create("http://mirror.lan/vector"));
        JsonNode report = Json.JSON.readTree(stdout());
        assertThat(report.path("runs").get(0).path("outcome").asString()).isEqualTo("APPLIED");
        assertThat(code).as("verification could not read the fake's indexes: not green").isEqualTo(1);

        assertThat(run("migrate", "status", "-o", "json")).as(this::stderr).isZero();
        JsonNode status = Json.JSON.readTree(stdout());
        assertThat(status.path("phases").get(0).path("steps").get(0).path("record").path("state").asString())
                .isEqualTo("DONE");

        assertThat(run("undo", "--step", "helm-repositories", "--yes")).as(this::stderr).isZero();
        assertThat(stdout()).contains("helm-repositories: undone");
    }

    @Test
    void anUnknownStepIsAUsageError() {
        assertThat(run("migrate", "undo", "--step", "nope", "--yes")).isEqualTo(2);
        assertThat(stderr()).contains("There is no step \"nope\"");
    }
}
