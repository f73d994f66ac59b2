package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliRun;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole migration, Phases 1–5, from the CLI in one process against the built-in sandbox, as a rehearsal with the
 * decommission gate's history minimum lowered explicitly on the command line.
 */
class SandboxEndToEndTest {

    static final String TOKEN = "e2e-pushover-token-value";
    static final String USER_KEY = "e2e-pushover-user-key-value";

    @TempDir
    Path dir;
    @RegisterExtension
    final CliRun cli = new CliRun();
    @RegisterExtension
    final SecretsEnvironment environment = new SecretsEnvironment(Map.of("ALERTMANAGER_PUSHOVER_TOKEN", TOKEN,
            "PUSHOVER_USER_KEY", USER_KEY, "HOMELAB_GRAFANA_TOKEN", "sandbox-grafana-token"));

    @Test
    void allPhasesRunInOrderAndPhaseFiveRemovesKubePrometheusStackAndAlloy() throws IOException {
        int code = cli.run("migrate", "apply", "--all", "--sandbox", "--yes",
                "--set", "decommission.minimumHistoryHours=0", "--on-failure", "KEEP", "-o", "json",
                "--report", dir.resolve("report.html").toString());

        String stdout = cli.stdout();
        String stderr = cli.stderr();
        System.err.println(stderr);
        JsonNode report = Json.JSON.readTree(stdout);
        List<String> ran = new ArrayList<>();
        List<Integer> phases = new ArrayList<>();
        for (JsonNode run : report.get("runs")) {
            ran.add(run.get("stepId").asText() + "=" + run.get("outcome").asText());
        }
        for (JsonNode plan : report.get("plans")) {
            phases.add(plan.get("phase").asInt());
        }
        assertThat(phases).as("phases planned, in order; runs: %s", ran).containsSubsequence(1, 2, 3, 4, 5);
        assertThat(ran).as("every step applied (stderr: %s)", stderr)
                .allMatch(r -> r.endsWith("=APPLIED") || r.endsWith("=ALREADY_DONE"));
        assertThat(ran).contains("history-copy=APPLIED", "decommission=APPLIED", "leftovers=APPLIED");
        JsonNode decommission = null;
        for (JsonNode run : report.get("runs")) {
            if (run.get("stepId").asText().equals("decommission")) {
                decommission = run;
            }
        }
        assertThat(decommission.toString()).contains("kube-prometheus-stack").containsIgnoringCase("alloy");
        assertThat(stdout + stderr).doesNotContain(TOKEN).doesNotContain(USER_KEY);
        assertThat(code).as("exit code; runs %s", ran).isIn(0, 1);

        String html = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Phase 1", "Phase 2", "Phase 3", "Phase 4",
                "Phase 5", "Remove what Helm left behind", "Logs from every node arrive in Loki", "PASSED")
                .contains("Resource usage before and after");
        assertThat(html).doesNotContain(TOKEN).doesNotContain(USER_KEY);
    }
}
