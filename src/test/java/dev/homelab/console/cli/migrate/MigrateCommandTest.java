package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliRun;
import dev.homelab.console.app.Connector;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.TestConsoles;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

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
    @RegisterExtension
    final CliRun cli = new CliRun();

    @BeforeEach
    void setUp() {
        MigrateSession.opener = options -> new Connector.Connected(
                TestConsoles.console(server.createClient(), releases, home, Map.of()), null);
    }

    @AfterEach
    void tearDown() {
        MigrateSession.opener = dev.homelab.console.cli.CliSupport::connect;
    }


    @Test
    void planOfPhaseOneIsJsonAndExitsOneWhenAStepIsBlocked() {
        int code = cli.run("migrate", "plan", "--phase", "1", "-o", "json");

        assertThat(code).isEqualTo(1);
        JsonNode plans = Json.JSON.readTree(cli.stdout());
        assertThat(plans.get(0).path("stepId").asString()).isEqualTo("helm-repositories");
        assertThat(plans.get(0).path("plan").path("changes")).hasSize(2);
        assertThat(plans.get(1).path("stepId").asString()).isEqualTo("minio-buckets");
        assertThat(plans.get(1).path("preflight").get(0).path("severity").asString()).isEqualTo("BLOCKING");
    }

    @Test
    void planCanBeWrittenToAFile() throws Exception {
        Path file = home.resolve("plan.txt");

        cli.run("plan", "--step", "helm-repositories", "--write", file.toString());

        assertThat(Files.readString(file)).contains("helm repo add victoria-metrics")
                .contains("https://helm.vector.dev");
        assertThat(cli.stdout()).isEmpty();
    }

    @Test
    void applyRefusesWithoutATerminalOrYes() {
        int code = cli.run("migrate", "apply", "--step", "helm-repositories");

        assertThat(code).isEqualTo(2);
        assertThat(cli.stderr()).contains("stdin is not a terminal").contains("--yes");
        assertThat(releases.repositories).isEmpty();
    }

    @Test
    void applyNeedsAPhaseOrAStep() {
        assertThat(cli.run("migrate", "apply", "--yes")).isEqualTo(2);
        assertThat(cli.stderr()).contains("--phase N");
    }

    @Test
    void applyWithYesRunsTheStepAndStatusAndUndoFollowTheJournal() {
        int code = cli.run("migrate", "apply", "--step", "helm-repositories", "--yes", "-o", "json",
                "--repo-url", "vector=http://mirror.lan/vector");

        assertThat(releases.repositories).containsEntry("vector", java.net.URI.create("http://mirror.lan/vector"));
        JsonNode report = Json.JSON.readTree(cli.stdout());
        assertThat(report.path("runs").get(0).path("outcome").asString()).isEqualTo("APPLIED");
        assertThat(code).as("verification could not read the fake's indexes: not green").isEqualTo(1);

        assertThat(cli.run("migrate", "status", "-o", "json")).as(cli::stderr).isZero();
        JsonNode status = Json.JSON.readTree(cli.stdout());
        assertThat(status.path("phases").get(0).path("steps").get(0).path("record").path("state").asString())
                .isEqualTo("DONE");

        assertThat(cli.run("undo", "--step", "helm-repositories", "--yes")).as(cli::stderr).isZero();
        assertThat(cli.stdout()).contains("helm-repositories: undone");
    }

    @Test
    void reportIsWrittenAndNamedAsJsonOrText() throws Exception {
        Path file = home.resolve("report.html");

        assertThat(cli.run("migrate", "report", "--out", file.toString(), "-o", "json")).as(cli::stderr).isZero();
        assertThat(Json.JSON.readTree(cli.stdout()).path("report").asString()).isEqualTo(file.toString());
        assertThat(Files.readString(file)).contains("<html");

        assertThat(cli.run("migrate", "report", "--out", file.toString())).as(cli::stderr).isZero();
        assertThat(cli.stdout()).isEqualTo("Migration report written to " + file + System.lineSeparator());
    }

    @Test
    void anUnknownStepIsAUsageError() {
        assertThat(cli.run("migrate", "undo", "--step", "nope", "--yes")).isEqualTo(2);
        assertThat(cli.stderr()).contains("There is no step \"nope\"");
    }
}
