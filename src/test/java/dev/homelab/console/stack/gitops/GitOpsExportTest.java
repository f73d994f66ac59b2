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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitOpsExportTest {

    private static final ChartRef VM_CHART = new ChartRef("vm",
            URI.create("https://victoriametrics.github.io/helm-charts/"), "victoria-metrics-k8s-stack", "0.91.2");
    private static final ChartRef VECTOR_CHART = new ChartRef("vector", URI.create("https://helm.vector.dev"),
            "vector", "0.57.0");

    private static final Map<String, Object> VM_VALUES = Map.of(
            "vmsingle", Map.of("spec", Map.of("retentionPeriod", "14d")),
            "alertmanager", Map.of("spec", Map.of("secrets", List.of("alertmanager-pushover")),
                    "config", Map.of("receivers", List.of(Map.of("name", "pushover", "pushover_configs", List.of(
                            Map.of("token_file", "/etc/vm/secrets/alertmanager-pushover/token",
                                    "user_key_file", "/etc/vm/secrets/alertmanager-pushover/user_key")))))),
            "schema", Map.of("from", "2025-01-01"));
    private static final SecretTemplate PUSHOVER = new SecretTemplate("alertmanager-pushover", "monitoring",
            Map.of("token", new SecretTemplate.ValueSource("ALERTMANAGER_PUSHOVER_TOKEN", "Pushover application token"),
                    "user_key", new SecretTemplate.ValueSource("PUSHOVER_USER_KEY", "Pushover user key")),
            "Alertmanager's Pushover keys");

    private static TargetState state() {
        Map<String, Object> vectorValues = Map.of("role", "Agent", "env", List.of(Map.of("name", "LOKI_PASSWORD",
                "valueFrom", Map.of("secretKeyRef", Map.of("name", "vector-loki", "key", "password")))));
        Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "vector-agent-config", "namespace", "vector"),
                "data", Map.of("vector.yaml", "sinks:\n  loki:\n    labels:\n      pod: \"{{ pod }}\"\n"));
        return TargetState.ofRelease(new ReleaseTarget("vmks", "monitoring", VM_CHART, VM_VALUES))
                .withSecret(PUSHOVER)
                .plus(TargetState.ofRelease(new ReleaseTarget("vector", "vector", VECTOR_CHART, vectorValues))
                        .withManifest(configMap))
                .withFile(new ExtraFile("grafana/datasources/victoriametrics.json", "{\"uid\":\"victoriametrics\"}\n"))
                .withNote("a note for the user");
    }

    @Test
    void everyFileParsesBackAndFluxArgoAndKustomizeAgreeWithTheReleases(@TempDir Path folder) throws Exception {
        List<Path> files = GitOpsExport.write(folder, state(), List.of());

        assertThat(files).contains(Path.of("values/monitoring-vmks.yaml"), Path.of("flux/monitoring-vmks.helmrelease.yaml"),
                Path.of("argocd/vector-vector.application.yaml"), Path.of("flux/helmrepositories.yaml"),
                Path.of("secrets/monitoring-alertmanager-pushover.secret.template.yaml"),
                Path.of("manifests/vector-vector-agent-config.configmap.yaml"), Path.of("kustomization.yaml"),
                Path.of("grafana/datasources/victoriametrics.json"), Path.of("helm-commands.sh"), Path.of("README.md"));
        for (Path file : files) {
            String name = file.toString();
            if (name.endsWith(".yaml")) {
                assertThat(documents(folder.resolve(file))).as("%s parses as YAML", file).isNotEmpty();
            } else if (name.endsWith(".json")) {
                assertThat(Json.JSON.readTree(folder.resolve(file).toFile()).isObject()).as(name).isTrue();
            }
        }
        assertThat(Json.YAML.readValue(folder.resolve("values/monitoring-vmks.yaml").toFile(), Map.class))
                .isEqualTo(VM_VALUES);
        assertThat(Files.readString(folder.resolve("values/monitoring-vmks.yaml")))
                .as("a date stays a string for Helm's YAML 1.1 reader").contains("from: \"2025-01-01\"");
        assertThat(Files.readString(folder.resolve("manifests/vector-vector-agent-config.configmap.yaml")))
                .as("written like the rest of the app's YAML: literal blocks, no document marker")
                .contains("vector.yaml: |\n").doesNotStartWith("---");

        List<JsonNode> repos = documents(folder.resolve("flux/helmrepositories.yaml"));
        assertThat(repos).extracting(r -> r.path("metadata").path("name").asString()).containsExactly("vector", "vm");
        assertThat(repos).allSatisfy(r -> {
            assertThat(r.path("apiVersion").asString()).isEqualTo("source.toolkit.fluxcd.io/v1");
            assertThat(r.path("kind").asString()).isEqualTo("HelmRepository");
            assertThat(r.path("metadata").path("namespace").asString()).isEqualTo("flux-system");
        });
        JsonNode release = documents(folder.resolve("flux/monitoring-vmks.helmrelease.yaml")).get(0);
        assertThat(release.path("apiVersion").asString()).isEqualTo("helm.toolkit.fluxcd.io/v2");
        assertThat(release.path("kind").asString()).isEqualTo("HelmRelease");
        assertThat(release.at("/metadata/namespace").asString()).isEqualTo("monitoring");
        assertThat(release.at("/spec/chart/spec/chart").asString()).isEqualTo("victoria-metrics-k8s-stack");
        assertThat(release.at("/spec/chart/spec/version").asString()).isEqualTo("0.91.2");
        assertThat(release.at("/spec/chart/spec/sourceRef/kind").asString()).isEqualTo("HelmRepository");
        assertThat(release.at("/spec/chart/spec/sourceRef/name").asString()).isEqualTo("vm");
        assertThat(release.at("/spec/values/vmsingle/spec/retentionPeriod").asString()).isEqualTo("14d");
        assertThat(release.at("/spec/install/crds").asString()).isEqualTo("CreateReplace");
        assertThat(release.at("/spec/upgrade/crds").asString()).isEqualTo("CreateReplace");

        JsonNode app = documents(folder.resolve("argocd/vector-vector.application.yaml")).get(0);
        assertThat(app.path("apiVersion").asString()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(app.at("/spec/source/repoURL").asString()).isEqualTo("https://helm.vector.dev");
        assertThat(app.at("/spec/source/chart").asString()).isEqualTo("vector");
        assertThat(app.at("/spec/source/targetRevision").asString()).isEqualTo("0.57.0");
        assertThat(app.at("/spec/source/helm/valuesObject/role").asString()).isEqualTo("Agent");
        assertThat(app.at("/spec/destination/namespace").asString()).isEqualTo("vector");
        assertThat(app.at("/spec/destination/server").asString()).isEqualTo("https://kubernetes.default.svc");

        for (Path kustomization : List.of(Path.of("kustomization.yaml"), Path.of("manifests/kustomization.yaml"))) {
            JsonNode doc = documents(folder.resolve(kustomization)).get(0);
            assertThat(doc.path("kind").asString()).isEqualTo("Kustomization");
            assertThat(doc.path("resources").values()).allSatisfy(r -> assertThat(
                    folder.resolve(kustomization).resolveSibling(r.asString())).as("resource %s", r).exists());
        }
        assertThat(documents(folder.resolve("kustomization.yaml")).get(0).path("resources").toString())
                .doesNotContain("secrets");
        assertThat(Files.readString(folder.resolve("README.md"))).contains("a note for the user")
                .contains("`token` from `$ALERTMANAGER_PUSHOVER_TOKEN`");
    }

    @Test
    void everyReferencedSecretGetsATemplateWithPlaceholdersOnly(@TempDir Path folder) throws Exception {
        GitOpsExport.write(folder, state(), List.of());

        JsonNode pushover = documents(folder.resolve("secrets/monitoring-alertmanager-pushover.secret.template.yaml"))
                .get(0);
        assertThat(pushover.path("kind").asString()).isEqualTo("Secret");
        assertThat(pushover.at("/stringData/token").asString()).isEqualTo("<ALERTMANAGER_PUSHOVER_TOKEN: Pushover application token>");
        assertThat(pushover.path("stringData").propertyNames()).containsExactlyInAnyOrder("token", "user_key");
        assertThat(pushover.has("data")).as("no base64 data, only placeholders").isFalse();

        JsonNode vectorLoki = documents(folder.resolve("secrets/vector-vector-loki.secret.template.yaml")).get(0);
        assertThat(vectorLoki.at("/metadata/namespace").asString()).isEqualTo("vector");
        assertThat(vectorLoki.at("/stringData/password").asString()).startsWith("<VECTOR_LOKI_PASSWORD: referenced at env");

        String script = Files.readString(folder.resolve("helm-commands.sh"));
        assertThat(script).contains("kubectl -n monitoring create secret generic alertmanager-pushover",
                "--from-literal=token=\"${ALERTMANAGER_PUSHOVER_TOKEN:?", "--from-literal=password=\"${VECTOR_LOKI_PASSWORD:?",
                "kubectl apply -f manifests/vector-vector-agent-config.configmap.yaml",
                "helm repo add vm https://victoriametrics.github.io/helm-charts/",
                "helm upgrade --install vmks vm/victoria-metrics-k8s-stack --version 0.91.2 --namespace monitoring");
        assertThat(script.indexOf("create secret")).isLessThan(script.indexOf("helm upgrade"));
    }

    @Test
    void nothingIsWrittenWhenASecretValueWouldReachAFile(@TempDir Path folder) throws Exception {
        TargetState leaking = state().withRelease(new ReleaseTarget("loki", "loki", VECTOR_CHART,
                Map.of("loki", Map.of("storage", Map.of("s3", Map.of("secretAccessKey", "s3cr3t-v4lue"))))));

        assertThatThrownBy(() -> GitOpsExport.write(folder, leaking, List.of("s3cr3t-v4lue")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("values/loki-loki.yaml")
                .hasMessageNotContaining("s3cr3t-v4lue");
        try (Stream<Path> written = Files.list(folder)) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void secretReferencesAreFoundWhereChartsPutThem() {
        Map<String, Object> values = Map.of(
                "env", List.of(Map.of("name", "A", "valueFrom", Map.of("secretKeyRef", Map.of("name", "s1", "key", "k1")))),
                "envFrom", List.of(Map.of("secretRef", Map.of("name", "s2"))),
                "volumes", List.of(Map.of("name", "certs", "secret", Map.of("secretName", "s3",
                        "items", List.of(Map.of("key", "tls.crt", "path", "tls.crt"))))),
                "admin", Map.of("existingSecret", "s4"),
                "vmagent", Map.of("spec", Map.of("secrets", List.of("s5"))),
                "file", "/etc/vm/secrets/s6/password");

        assertThat(SecretReferences.inValues("ns", values))
                .extracting(r -> r.namespace() + "/" + r.name() + ":" + r.key().orElse("*"))
                .containsExactlyInAnyOrder("ns/s1:k1", "ns/s2:*", "ns/s3:tls.crt", "ns/s4:*", "ns/s5:*",
                        "ns/s6:password");
    }

    static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }
}
