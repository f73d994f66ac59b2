package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliRun;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrate export} against the sandbox: every file parses back, and no secret value is in any of them. */
class SandboxExportTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final CliRun cli = new CliRun();
    @RegisterExtension
    final SecretsEnvironment environment = new SecretsEnvironment(Map.of(
            "ALERTMANAGER_PUSHOVER_TOKEN", "export-token-value", "PUSHOVER_USER_KEY", "export-user-key-value"));

    @Test
    void exportWritesTheTargetStateThatParsesBack() throws IOException {
        Path folder = dir.resolve("gitops");
        int code = cli.run("migrate", "export", "--sandbox", "--out",
                folder.toString());

        assertThat(code).as(cli.stderr()).isZero();
        assertThat(cli.stdout()).contains("Target state written to", "secrets/monitoring-alertmanager-pushover"
                + ".secret.template.yaml", "Notes (also in README.md):");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<String> kinds = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(text).as("%s", file).doesNotContain("export-token-value").doesNotContain("export-user-key-value");
            if (!file.toString().endsWith(".yaml")) {
                continue;
            }
            for (String document : text.split("(?m)^---\\s*$")) {
                if (document.isBlank()) {
                    continue;
                }
                JsonNode node = Json.YAML.readTree(document);
                if (node.has("kind")) {
                    kinds.add(node.get("kind").asText());
                }
            }
        }
        assertThat(kinds).contains("HelmRelease", "Application", "HelmRepository", "ConfigMap", "Secret");
        JsonNode vmValues = Json.YAML.readTree(Files.readString(folder.resolve("values/monitoring-vmks.yaml")));
        assertThat(vmValues.at("/vmsingle/spec/retentionPeriod").asText()).isEqualTo("14d");
        assertThat(Files.readString(folder.resolve("helm-commands.sh")))
                .contains("helm upgrade --install vmks", "helm upgrade --install vector");
        try (Stream<Path> manifests = Files.list(folder.resolve("manifests"))) {
            Path configMap = manifests.filter(f -> f.getFileName().toString()
                    .equals("vector-vector-agent-config.configmap.yaml")).findFirst().orElseThrow();
            assertThat(Json.YAML.readTree(Files.readString(configMap)).at("/data").toString())
                    .contains("kubernetes_logs").contains("journald");
        }
    }
}
