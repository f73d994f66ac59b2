package dev.homelab.console.stack.gitops;

import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GitOpsExportTest {

    @Test
    void exportsValidYamlThatParsesBackToTheSameTargetState(@TempDir Path folder) throws Exception {
        Map<String, Object> vmValues = Map.of("vmsingle", Map.of("spec", Map.of("retentionPeriod", "14d")),
                "grafana", Map.of("enabled", false));
        ReleaseTarget vm = new ReleaseTarget("vmks", "monitoring",
                new ChartRef("vm", URI.create("https://victoriametrics.github.io/helm-charts/"),
                        "victoria-metrics-k8s-stack", "0.91.2"), vmValues,
                List.of(new ReleaseTarget.SecretTemplate("alertmanager-pushover", "monitoring",
                        Map.of("token", "ALERTMANAGER_PUSHOVER_TOKEN", "user_key", "PUSHOVER_USER_KEY"))));
        ReleaseTarget vector = new ReleaseTarget("vector", "vector",
                new ChartRef("vector", URI.create("https://helm.vector.dev"), "vector", "0.57.0"),
                Map.of("role", "Agent"), List.of());

        List<Path> files = GitOpsExport.write(folder, List.of(vm, vector));

        assertThat(files).contains(Path.of("values/monitoring-vmks.yaml"), Path.of("flux/monitoring-vmks.helmrelease.yaml"),
                Path.of("argocd/vector-vector.application.yaml"), Path.of("secrets/monitoring-vmks.secrets.template.yaml"),
                Path.of("flux/helmrepositories.yaml"), Path.of("helm-commands.sh"));
        for (Path file : files) {
            if (file.toString().endsWith(".yaml")) {
                assertThat(documents(folder.resolve(file))).as("%s parses as YAML", file).isNotEmpty();
            }
        }

        assertThat(Json.YAML.readValue(folder.resolve("values/monitoring-vmks.yaml").toFile(), Map.class))
                .isEqualTo(vmValues);
        JsonNode release = documents(folder.resolve("flux/monitoring-vmks.helmrelease.yaml")).get(0);
        assertThat(release.path("kind").asString()).isEqualTo("HelmRelease");
        assertThat(release.path("spec").path("chart").path("spec").path("version").asString()).isEqualTo("0.91.2");
        assertThat(release.path("spec").path("values").path("vmsingle").path("spec").path("retentionPeriod").asString())
                .isEqualTo("14d");
        List<JsonNode> repos = documents(folder.resolve("flux/helmrepositories.yaml"));
        assertThat(repos).extracting(r -> r.path("metadata").path("name").asString()).containsExactly("vector", "vm");
        JsonNode app = documents(folder.resolve("argocd/vector-vector.application.yaml")).get(0);
        assertThat(app.path("spec").path("source").path("chart").asString()).isEqualTo("vector");
        assertThat(app.path("spec").path("destination").path("namespace").asString()).isEqualTo("vector");

        JsonNode secret = documents(folder.resolve("secrets/monitoring-vmks.secrets.template.yaml")).get(0);
        assertThat(secret.path("stringData").path("token").asString()).isEqualTo("<ALERTMANAGER_PUSHOVER_TOKEN>");
        assertThat(secret.path("stringData").properties()).allSatisfy(e ->
                assertThat(e.getValue().asString()).as("only placeholders, never values").matches("<[A-Z_]+>"));

        String helm = Files.readString(folder.resolve("helm-commands.sh"));
        assertThat(helm).contains("helm repo add vm https://victoriametrics.github.io/helm-charts/")
                .contains("helm upgrade --install vmks vm/victoria-metrics-k8s-stack --version 0.91.2 --namespace monitoring");
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }
}
