package dev.homelab.console.migration.export;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.Settings;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.migration.phase4.GrafanaDatasourcesStep;
import dev.homelab.console.migration.registry.StepRegistry;
import dev.homelab.console.stack.grafana.SidecarDatasources;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitOps export of the whole target state from the sandbox, through the engine code the CLI and the wizard use:
 * every file parses back, Flux and Argo CD objects agree with the values, every Secret the values refer to has a
 * template, the Grafana datasources are exactly what Phase 4 applies, and no secret value is anywhere in the folder.
 */
class TargetStateExportSandboxTest {

    /** Recognisable secrets the SecretsProvider knows; none of them may reach a file. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "ALERTMANAGER_PUSHOVER_TOKEN", "gitops-test-pushover-token-7f3a",
            "PUSHOVER_USER_KEY", "gitops-test-pushover-user-9b2c",
            "HOMELAB_S3_ACCESS_KEY", "gitops-test-s3-access-4d1e",
            "HOMELAB_S3_SECRET_KEY", "gitops-test-s3-secret-8c5f",
            "HOMELAB_GRAFANA_TOKEN", "sandbox-grafana-token");
    /** The sandbox MinIO's secret key, which Loki's Secret in the lab holds. */
    private static final String LAB_MINIO_SECRET = "s4ndb0x-minio-secret";
    private static final Pattern VM_SECRET_FILE = Pattern.compile("/etc/vm/secrets/([a-z0-9.-]+)/([A-Za-z0-9._-]+)");

    @TempDir
    Path dir;

    @Test
    void exportHoldsTheWholeTargetStateAndNoSecretValue() throws Exception {
        try (Connector.Connected lab = sandbox(Optional.empty())) {
            MigrationEngine engine = engine(lab);
            Path folder = dir.resolve("gitops");

            TargetStateExport.Result result = TargetStateExport.export(engine, folder);

            assertNoSecretValueIn(folder);
            Map<String, List<JsonNode>> parsed = parseAll(folder);
            assertThat(result.files()).contains(Path.of("values/monitoring-vmks.yaml"), Path.of("values/loki-loki.yaml"),
                    Path.of("values/vector-vector.yaml"), Path.of("manifests/vector-vector-agent-config.configmap.yaml"),
                    Path.of("manifests/grafana-homelab-console-datasources.configmap.yaml"),
                    Path.of("secrets/monitoring-alertmanager-pushover.secret.template.yaml"),
                    Path.of("secrets/loki-loki-minio-credentials.secret.template.yaml"));
            assertFluxAndArgoMatchTheValues(folder, parsed, List.of("monitoring-vmks", "loki-loki", "vector-vector"));
            assertEverySecretReferenceHasATemplate(parsed);

            JsonNode lokiValues = parsed.get("values/loki-loki.yaml").get(0);
            assertThat(lokiValues.at("/loki/storage/s3/s3ForcePathStyle").asBoolean()).isTrue();
            assertThat(lokiValues.at("/loki/schemaConfig/configs/0/schema").asString()).isEqualTo("v13");
            JsonNode lokiSecret = parsed.get("secrets/loki-loki-minio-credentials.secret.template.yaml").get(0);
            assertThat(lokiSecret.at("/stringData/MINIO_SECRET_ACCESS_KEY").asString())
                    .startsWith("<HOMELAB_S3_SECRET_KEY:");
            JsonNode vectorConfig = parsed.get("manifests/vector-vector-agent-config.configmap.yaml").get(0);
            assertThat(vectorConfig.at("/data/vector.yaml").asString()).contains("type: kubernetes_logs")
                    .contains("type: journald").contains("pod: \"{{ pod }}\"");
            assertThat(parsed.get("values/vector-vector.yaml").get(0).at("/existingConfigMaps/0").asString())
                    .isEqualTo("vector-agent-config");

            JsonNode exportedDatasources = parsed.get("manifests/grafana-homelab-console-datasources.configmap.yaml")
                    .get(0);
            assertThat(exportedDatasources.at("/metadata/labels/grafana_datasource").asString()).isEqualTo("1");
            assertThat(exportedDatasources.at("/metadata/labels/grafana_datasource").isString()).isTrue();

            StepPlan plan = engine.plan(GrafanaDatasourcesStep.ID);
            StepRun run = engine.apply(GrafanaDatasourcesStep.ID, plan, Progress.none());
            assertThat(run.outcome()).as(String.valueOf(run.error())).isEqualTo(StepRun.Outcome.APPLIED);
            ConfigMap applied = lab.context().cluster().kube().configMaps().inNamespace("grafana")
                    .withName(SidecarDatasources.CONFIG_MAP_NAME).get();
            assertThat(exportedDatasources.at("/data/" + SidecarDatasources.FILE_NAME).asString())
                    .as("the export holds the provisioning file Phase 4 applies")
                    .isEqualTo(applied.getData().get(SidecarDatasources.FILE_NAME));
            assertThat(applied.getMetadata().getLabels()).containsEntry("grafana_datasource", "1");

            Path again = dir.resolve("after-phase-4");
            TargetStateExport.export(engine, again);
            assertThat(Files.readString(again.resolve("manifests/grafana-homelab-console-datasources.configmap.yaml")))
                    .as("after Phase 4 the target state is unchanged")
                    .isEqualTo(Files.readString(folder.resolve("manifests/grafana-homelab-console-datasources.configmap.yaml")));
        }
    }

    @Test
    void grafanaWithoutSidecarGetsTheApiPayloadsAndANote() throws Exception {
        Path scenario = dir.resolve("no-sidecar.yaml");
        String defaultScenario;
        try (InputStream in = getClass().getResourceAsStream("/sandbox/scenarios/default.yaml")) {
            defaultScenario = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String noSidecar = defaultScenario.replace("      sidecar:\n        datasources:\n          enabled: true",
                "      sidecar:\n        datasources:\n          enabled: false");
        assertThat(noSidecar).as("the default scenario's Grafana sidecar setting was found").isNotEqualTo(defaultScenario);
        Files.writeString(scenario, noSidecar);
        try (Connector.Connected lab = sandbox(Optional.of(scenario))) {
            Path folder = dir.resolve("gitops");

            TargetStateExport.Result result = TargetStateExport.export(engine(lab), folder);

            assertNoSecretValueIn(folder);
            assertThat(folder.resolve("manifests/grafana-homelab-console-datasources.configmap.yaml")).doesNotExist();
            JsonNode vm = Json.JSON.readTree(folder.resolve("grafana/datasources/victoriametrics.json").toFile());
            assertThat(vm.path("type").asString()).isEqualTo("prometheus");
            assertThat(vm.path("url").asString()).isEqualTo("http://vmsingle-vmks.monitoring.svc.cluster.local:8428");
            assertThat(vm.at("/jsonData/timeInterval").asString()).isEqualTo("30s");
            assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("HTTP API").contains("POST /api/datasources"));
            assertThat(Files.readString(folder.resolve("README.md"))).contains("grafana/datasources/*.json");
        }
    }

    private Connector.Connected sandbox(Optional<Path> scenario) throws Exception {
        AppDirs dirs = AppDirs.under(dir.resolve("home"));
        return new Connector(dirs, Settings.load(dirs)).sandboxWithReport(scenario, Progress.none());
    }

    private static MigrationEngine engine(Connector.Connected lab) {
        return MigrationEngine.open(lab.context(), StepRegistry.standard(), SecretsProvider.fromLookup(ENVIRONMENT::get));
    }

    private static void assertNoSecretValueIn(Path folder) throws Exception {
        List<String> secrets = new ArrayList<>(ENVIRONMENT.values());
        secrets.add(LAB_MINIO_SECRET);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (String secret : secrets) {
                    assertThat(text).as("%s holds no secret value", folder.relativize(file)).doesNotContain(secret);
                }
            }
        }
    }

    /** Every YAML and JSON file, parsed; fails on the first that does not parse. */
    private static Map<String, List<JsonNode>> parseAll(Path folder) throws Exception {
        Map<String, List<JsonNode>> parsed = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = folder.relativize(file).toString();
                if (name.endsWith(".yaml")) {
                    List<JsonNode> docs = new ArrayList<>();
                    try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                        it.forEachRemaining(docs::add);
                    }
                    assertThat(docs).as(name).isNotEmpty();
                    parsed.put(name, docs);
                } else if (name.endsWith(".json")) {
                    parsed.put(name, List.of(Json.JSON.readTree(file.toFile())));
                }
            }
        }
        return parsed;
    }

    private static void assertFluxAndArgoMatchTheValues(Path folder, Map<String, List<JsonNode>> parsed,
                                                        List<String> stems) throws Exception {
        Set<String> repositories = new HashSet<>();
        Map<String, String> repositoryUrls = new java.util.HashMap<>();
        for (JsonNode repo : parsed.get("flux/helmrepositories.yaml")) {
            assertThat(repo.path("apiVersion").asString()).isEqualTo("source.toolkit.fluxcd.io/v1");
            assertThat(repo.path("kind").asString()).isEqualTo("HelmRepository");
            assertThat(repo.at("/spec/url").asString()).startsWith("https://");
            repositories.add(repo.at("/metadata/name").asString());
            repositoryUrls.put(repo.at("/metadata/name").asString(), repo.at("/spec/url").asString());
        }
        String script = Files.readString(folder.resolve("helm-commands.sh"));
        for (String stem : stems) {
            JsonNode values = parsed.get("values/" + stem + ".yaml").get(0);
            JsonNode release = parsed.get("flux/" + stem + ".helmrelease.yaml").get(0);
            JsonNode app = parsed.get("argocd/" + stem + ".application.yaml").get(0);
            assertThat(release.path("apiVersion").asString()).isEqualTo("helm.toolkit.fluxcd.io/v2");
            assertThat(release.path("kind").asString()).isEqualTo("HelmRelease");
            assertThat(release.at("/spec/values")).as(stem).isEqualTo(values);
            String repo = release.at("/spec/chart/spec/sourceRef/name").asString();
            assertThat(repositories).as("%s's sourceRef resolves to an exported HelmRepository", stem).contains(repo);
            assertThat(release.at("/spec/chart/spec/sourceRef/namespace").asString()).isEqualTo("flux-system");
            assertThat(release.at("/spec/valuesFrom").isMissingNode()).as("values are inline").isTrue();

            assertThat(app.path("apiVersion").asString()).isEqualTo("argoproj.io/v1alpha1");
            assertThat(app.path("kind").asString()).isEqualTo("Application");
            assertThat(app.at("/spec/source/repoURL").asString()).isEqualTo(repositoryUrls.get(repo));
            assertThat(app.at("/spec/source/chart").asString()).isEqualTo(release.at("/spec/chart/spec/chart").asString());
            assertThat(app.at("/spec/source/targetRevision").asString())
                    .isEqualTo(release.at("/spec/chart/spec/version").asString());
            assertThat(app.at("/spec/source/helm/valuesObject")).isEqualTo(values);
            assertThat(app.at("/spec/destination/namespace").asString())
                    .isEqualTo(release.at("/metadata/namespace").asString());
            assertThat(script).contains("helm upgrade --install " + release.at("/metadata/name").asString() + " " + repo
                    + "/" + release.at("/spec/chart/spec/chart").asString() + " --version "
                    + release.at("/spec/chart/spec/version").asString());
        }
    }

    /** Independent of the export's own scanner: secretKeyRef, secretRef, spec.secrets and mounted secret files. */
    private static void assertEverySecretReferenceHasATemplate(Map<String, List<JsonNode>> parsed) {
        Map<String, Set<String>> templates = new java.util.HashMap<>();
        parsed.forEach((name, docs) -> {
            if (name.startsWith("secrets/")) {
                JsonNode secret = docs.get(0);
                assertThat(secret.path("kind").asString()).isEqualTo("Secret");
                assertThat(secret.has("data")).as("%s has no data", name).isFalse();
                secret.path("stringData").properties().forEach(e -> assertThat(e.getValue().asString())
                        .as("%s %s is a placeholder", name, e.getKey()).matches("<[A-Z_][A-Z0-9_]*: .+>"));
                templates.put(secret.at("/metadata/namespace").asString() + "/" + secret.at("/metadata/name").asString(),
                        new HashSet<>(secret.path("stringData").propertyNames()));
            }
        });
        List<String> references = new ArrayList<>();
        parsed.forEach((name, docs) -> {
            if (name.startsWith("values/")) {
                String namespace = name.substring("values/".length()).split("-")[0];
                collect(docs.get(0), namespace, references);
            } else if (name.startsWith("manifests/") && !name.endsWith("kustomization.yaml")) {
                collect(docs.get(0), docs.get(0).at("/metadata/namespace").asString(), references);
            }
        });
        assertThat(references).as("the exported values refer to Secrets").isNotEmpty();
        for (String reference : references) {
            String[] parts = reference.split(":", 2);
            assertThat(templates).as("template for %s", reference).containsKey(parts[0]);
            if (!parts[1].isEmpty()) {
                assertThat(templates.get(parts[0])).as("key of %s", reference).contains(parts[1]);
            }
        }
    }

    private static void collect(JsonNode node, String namespace, List<String> references) {
        if (node.isObject()) {
            if (node.has("secretKeyRef")) {
                references.add(namespace + "/" + node.at("/secretKeyRef/name").asString() + ":"
                        + node.at("/secretKeyRef/key").asString());
            }
            if (node.has("secretRef")) {
                references.add(namespace + "/" + node.at("/secretRef/name").asString() + ":");
            }
            if (node.has("spec") && node.at("/spec/secrets").isArray()) {
                node.at("/spec/secrets").values().forEach(s -> references.add(namespace + "/" + s.asString() + ":"));
            }
            node.properties().forEach(e -> collect(e.getValue(), namespace, references));
        } else if (node.isArray()) {
            node.values().forEach(n -> collect(n, namespace, references));
        } else if (node.isString()) {
            Matcher file = VM_SECRET_FILE.matcher(node.asString());
            while (file.find()) {
                references.add(namespace + "/" + file.group(1) + ":" + file.group(2));
            }
        }
    }
}
