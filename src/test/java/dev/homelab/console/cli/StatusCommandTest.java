package dev.homelab.console.cli;

import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end: {@code status} and {@code contexts} with their JSON shapes and exit codes. */
class StatusCommandTest {

    @RegisterExtension
    final CliRun cli = new CliRun();
    @TempDir
    Path dir;

    @Test
    void statusOfTheSandboxPrintsTheNodesAndTheInventoryAsJson() {
        int code = cli.run("status", "--sandbox", "--output", "json");
        String stderr = cli.stderr();
        assertThat(code).as(stderr).isZero();
        JsonNode status = Json.JSON.readTree(cli.stdout());

        JsonNode connection = status.path("connection");
        assertThat(connection.path("k3s").asBoolean()).isTrue();
        assertThat(connection.path("nodeCount").asInt()).isEqualTo(4);
        assertThat(connection.path("architectures").path("arm64").asInt()).isEqualTo(4);
        assertThat(connection.path("clusterId").asString()).isNotBlank();

        assertThat(status.path("nodes")).hasSize(4);
        JsonNode first = status.path("nodes").get(0).path("node");
        assertThat(first.path("architecture").asString()).isEqualTo("arm64");
        assertThat(first.path("roles").toString()).contains("control-plane");
        assertThat(first.path("ready").asString()).isEqualTo("READY");
        assertThat(first.path("cpuAllocatableMillis").asLong()).isPositive();

        List<String> components = new ArrayList<>();
        status.path("inventory").path("releases").forEach(r -> components.add(r.path("component").asString()));
        assertThat(components).contains("KUBE_PROMETHEUS_STACK", "ALLOY", "LOKI", "GRAFANA", "MINIO");
        JsonNode loki = findRelease(status, "LOKI").path("loki");
        assertThat(loki.path("chartFamily").asString()).isNotEmpty();
        assertThat(loki.path("deploymentMode").asString()).isIn("SingleBinary", "Monolithic");
        assertThat(status.path("inventory").path("metricsServer").path("present").asBoolean()).isTrue();
        assertThat(status.path("inventory").path("storageClasses").toString()).contains("local-path")
                .contains("longhorn");

        JsonNode permissions = status.path("permissions");
        assertThat(permissions.path("results").size()).isEqualTo(permissions.path("allowed").asInt()
                + permissions.path("denied").asInt() + permissions.path("unknown").asInt());
        assertThat(stderr).as("JSON mode keeps progress off stderr").doesNotContain("… ");
    }

    @Test
    void statusWithAnUnreachableClusterExitsThreeWithOneLineOnStderr() throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                current-context: lab
                clusters: [{name: lab, cluster: {server: "https://127.0.0.1:9"}}]
                contexts: [{name: lab, context: {cluster: lab, user: u}}]
                users: [{name: u, user: {token: "do-not-print-me-0123456789"}}]
                """);
        int code = cli.run("status", "--kubeconfig", kubeconfig.toString(), "-o", "json");
        String stderr = cli.stderr();
        assertThat(code).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(stderr.lines().filter(l -> l.startsWith("homelab-console:")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("Cannot reach the API server").contains("127.0.0.1:9"));
        assertThat(stderr + cli.stdout()).doesNotContain("do-not-print-me-0123456789");
        assertThat(cli.stdout()).isEmpty();
    }

    @Test
    void contextsListsTheMergedContextsAsJsonAndMalformedFilesExitThree() throws Exception {
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                current-context: lab
                clusters: [{name: lab, cluster: {server: "https://192.168.1.10:6443"}}]
                contexts:
                - {name: lab, context: {cluster: lab, user: u, namespace: monitoring}}
                - {name: other, context: {cluster: lab, user: u}}
                users: [{name: u, user: {token: t}}]
                """);
        assertThat(cli.run("contexts", "--kubeconfig", kubeconfig.toString(), "--output", "json")).isZero();
        JsonNode contexts = Json.JSON.readTree(cli.stdout());
        assertThat(contexts.path("currentContext").asString()).isEqualTo("lab");
        assertThat(contexts.path("contexts")).hasSize(2);
        assertThat(contexts.path("contexts").get(0).path("server").asString()).isEqualTo("https://192.168.1.10:6443");
        assertThat(contexts.path("contexts").get(0).path("namespace").asString()).isEqualTo("monitoring");

        Path broken = dir.resolve("broken");
        Files.writeString(broken, "clusters:\n- name: x\n  cluster: {server: [\n");
        assertThat(cli.run("contexts", "--kubeconfig", broken.toString())).isEqualTo(ExitCodes.CANNOT_CONNECT);
        assertThat(cli.stderr()).contains("Malformed kubeconfig").contains("line ");
    }

    @Test
    void aMissingScenarioFileIsAUsageError() {
        assertThat(cli.run("status", "--sandbox", dir.resolve("nope.yaml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.stderr()).contains("nope.yaml");
    }

    private static JsonNode findRelease(JsonNode status, String component) {
        for (JsonNode release : status.path("inventory").path("releases")) {
            if (release.path("component").asString().equals(component)) {
                return release;
            }
        }
        throw new AssertionError("no " + component + " release in " + status.path("inventory"));
    }
}
