package dev.homelab.console.migration.phase2;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.Migration;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationLock;
import dev.homelab.console.migration.MigrationPlanBuilder;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretMasker;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.sandbox.vm.VmLab;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.vm.RuleInventory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase 2's steps on the real engine, against fabric8's CRUD mock server and the sandbox's vm simulations. */
@EnableKubernetesMockClient(crud = true, https = false)
class Phase2StepsTest {

    private static final String TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final String USER_KEY = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";

    KubernetesClient client;
    @TempDir
    Path home;
    TestLab lab;

    @AfterEach
    void closeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private MigrationEngine engine(Set<String> faults, SecretsProvider secrets) {
        seedCluster();
        lab = new TestLab(client, faults);
        ConsoleContext console = new ConsoleContext(new ClusterSession(client,
                new ClusterIdentity("test", "http://mock", "cluster-" + System.nanoTime(), true), lab), lab,
                AppDirs.under(home), null);
        Migration migration = new MigrationPlanBuilder().phase(2, "Metrics pipeline")
                .step(new PushoverSecretStep())
                .step(new VmStackInstallStep(Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofMillis(200)))
                .step(new PushoverTestStep(Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofMillis(200)))
                .build();
        return new MigrationEngine(console, migration, secrets,
                new MigrationLock(client, "test@here pid 1", Duration.ofSeconds(60), Clock.systemUTC()),
                Clock.systemUTC());
    }

    private static SecretsProvider pushoverSecrets() {
        return SecretsProvider.fromLookup(Map.of("ALERTMANAGER_PUSHOVER_TOKEN", TOKEN,
                "PUSHOVER_USER_KEY", USER_KEY)::get);
    }

    /** A k3s home lab with kube-prometheus-stack: its node-exporter on :9100 and two PrometheusRules. */
    private void seedCluster() {
        for (String node : List.of("pi-server", "pi-worker-1", "pi-worker-2")) {
            NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                    .withNewStatus().addNewAddress().withType("InternalIP")
                    .withAddress("10.0.0." + (10 + List.of("pi-server", "pi-worker-1", "pi-worker-2").indexOf(node)))
                    .endAddress().withNewNodeInfo().withKubeletVersion("v1.33.4+k3s1").endNodeInfo().endStatus();
            if (node.equals("pi-server")) {
                builder.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "true").endMetadata();
            }
            client.nodes().resource(builder.build()).create();
        }
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName("local-path").addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
                .endMetadata().withProvisioner("rancher.io/local-path").build()).create();
        client.apps().daemonSets().inNamespace("monitoring").resource(new DaemonSetBuilder().withNewMetadata()
                .withName("kps-prometheus-node-exporter").withNamespace("monitoring")
                .addToLabels("app.kubernetes.io/instance", "kps").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "ne").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "ne").endMetadata()
                .withNewSpec().withHostNetwork(true).addNewContainer().withName("node-exporter")
                .addNewPort().withContainerPort(9100).withHostPort(9100).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        for (String rule : List.of("kps-general-rules", "kps-node-rules")) {
            client.genericKubernetesResources(RuleInventory.PROMETHEUS_RULES).inNamespace("monitoring")
                    .resource(new GenericKubernetesResourceBuilder().withApiVersion("monitoring.coreos.com/v1")
                            .withKind("PrometheusRule").withNewMetadata().withName(rule).withNamespace("monitoring")
                            .addToLabels("release", "kps").endMetadata()
                            .withAdditionalProperties(Map.of("spec", Map.of("groups", List.of(Map.of(
                                    "name", rule.equals("kps-general-rules") ? "general.rules" : "node.rules",
                                    "rules", List.of(Map.of("alert", rule.equals("kps-general-rules") ? "Watchdog"
                                            : "NodeDown", "expr", "vector(1)")))))))
                            .build()).create();
        }
    }

    @Test
    void baselineStepWithoutAnyUsageHistoryFailsWithTelemetrysExplanation() {
        seedCluster();
        lab = new TestLab(client, Set.of());
        ConsoleContext console = new ConsoleContext(new ClusterSession(client,
                new ClusterIdentity("test", "http://mock", "cluster-baseline", true), lab), lab, AppDirs.under(home),
                null);
        MigrationEngine engine = new MigrationEngine(console, new MigrationPlanBuilder().phase(2, "Metrics")
                .step(new BaselineStep()).build(), pushoverSecrets(),
                new MigrationLock(client, "test@here pid 1", Duration.ofSeconds(60), Clock.systemUTC()),
                Clock.systemUTC());
        assertThat(engine.isDone(BaselineStep.ID)).isFalse();
        assertThat(engine.plan(BaselineStep.ID).changes()).singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(ChangeKind.EXTERNAL));

        StepRun run = engine.apply(BaselineStep.ID, null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.FAILED);
        assertThat(run.error()).contains("No samples");
    }

    @Test
    void secretStepBlocksWithoutCredentialsAndSaysWhatToSet() {
        MigrationEngine engine = engine(Set.of(), SecretsProvider.fromLookup(name -> null));
        List<PreflightCheck> checks = engine.preflight(PushoverSecretStep.ID);
        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.blocks()).isTrue();
            assertThat(c.fix()).contains("ALERTMANAGER_PUSHOVER_TOKEN").contains("PUSHOVER_USER_KEY");
        });
    }

    @Test
    void secretStepPlansMaskedCreatesVerifiesAndUndoes() {
        MigrationEngine engine = engine(Set.of(), pushoverSecrets());
        StepPlan plan = engine.plan(PushoverSecretStep.ID);
        assertThat(plan.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(ChangeKind.CREATE);
            assertThat(change.maskedValues()).contains(SecretMasker.MASK).doesNotContain(TOKEN, USER_KEY);
            assertThat(String.join("\n", change.diff())).doesNotContain(TOKEN, USER_KEY);
        });

        StepRun run = engine.apply(PushoverSecretStep.ID, plan, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        assertThat(run.verification()).extracting(CheckResult::verdict).containsOnly(Verdict.PASSED);
        Secret secret = client.secrets().inNamespace("monitoring").withName("alertmanager-pushover").get();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8))
                .isEqualTo(TOKEN);
        assertThat(engine.isDone(PushoverSecretStep.ID)).isTrue();
        assertThat(engine.journal().toString()).doesNotContain(TOKEN, USER_KEY);

        engine.undo(PushoverSecretStep.ID, Progress.none());
        assertThat(client.secrets().inNamespace("monitoring").withName("alertmanager-pushover").get()).isNull();
    }

    @Test
    void stackPlanExplainsEveryDecisionAndCarriesNoSecret() {
        MigrationEngine engine = engine(Set.of(), pushoverSecrets());
        engine.apply(PushoverSecretStep.ID, null, Progress.none());

        assertThat(engine.preflight(VmStackInstallStep.ID)).noneMatch(PreflightCheck::blocks)
                .anySatisfy(c -> assertThat(c.reason()).contains("DaemonSet monitoring/kps-prometheus-node-exporter"));
        StepPlan plan = engine.plan(VmStackInstallStep.ID);

        assertThat(plan.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(ChangeKind.HELM_INSTALL);
            assertThat(change.chart().toString()).isEqualTo("victoria-metrics/victoria-metrics-k8s-stack 0.91.2");
            assertThat(change.maskedValues()).contains("token_file").contains("retentionPeriod: 14d")
                    .contains("storageClassName: local-path").contains("kubernetes.io/hostname: pi-server")
                    .doesNotContain(TOKEN, USER_KEY);
            assertThat(change.diff()).isNotEmpty();
        });
        assertThat(String.join("\n", plan.notes())).contains("/var/lib/vmagent-data on node pi-server")
                .contains("node-exporter: off, because DaemonSet monitoring/kps-prometheus-node-exporter")
                .contains("Converter ownership").contains("k3s");
    }

    @Test
    void phaseTwoInstallsVerifiesEveryNodeAndRuleDeliversToPushoverAndUndoes() {
        MigrationEngine engine = engine(Set.of(), pushoverSecrets());
        assertThat(engine.apply(PushoverSecretStep.ID, null, Progress.none()).succeeded()).isTrue();

        StepRun install = engine.apply(VmStackInstallStep.ID, null, Progress.none());

        assertThat(install.outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        assertThat(install.verification()).as("%s", install.verification())
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.PASSED));
        assertThat(install.verification()).extracting(CheckResult::id).contains("vmagent-node-targets",
                "vm-up-per-node", "prometheusrules-converted", "vmalert-groups-loaded", "converter-ownership");
        assertThat(install.verification()).filteredOn(r -> r.id().equals("vmalert-groups-loaded")).singleElement()
                .satisfies(r -> assertThat(r.summary()).contains("general.rules"));
        assertThat(engine.isDone(VmStackInstallStep.ID)).isTrue();

        StepRun test = engine.apply(PushoverTestStep.ID, null, Progress.none());
        assertThat(test.verification()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.PASSED);
            assertThat(r.summary()).contains("Pushover accepted");
        });

        engine.undo(VmStackInstallStep.ID, Progress.none());
        assertThat(lab.calls).contains("uninstall monitoring/vmks");
        assertThat(lab.get("monitoring", "vmks")).isEmpty();
    }

    @Test
    void pushoverUnreachableIsRedNeverGreen() {
        MigrationEngine engine = engine(Set.of(VmLab.PUSHOVER_UNREACHABLE_FAULT), pushoverSecrets());
        engine.apply(PushoverSecretStep.ID, null, Progress.none());
        engine.apply(VmStackInstallStep.ID, null, Progress.none());

        StepRun test = engine.apply(PushoverTestStep.ID, null, Progress.none());

        assertThat(test.verification()).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.summary()).contains("failed request");
        });
    }

    @Test
    void aNodeThatStopsAnsweringTurnsTheScrapeChecksRed() {
        MigrationEngine engine = engine(Set.of(), pushoverSecrets());
        engine.apply(PushoverSecretStep.ID, null, Progress.none());
        engine.apply(VmStackInstallStep.ID, null, Progress.none());
        VmLab.of(lab.world()).model().nodeDown("pi-worker-2", VmLab.of(lab.world()).model().now().minusSeconds(120));

        List<CheckResult> results = engine.verify(VmStackInstallStep.ID, Progress.none());

        assertThat(results).filteredOn(r -> r.id().equals("vmagent-node-targets")).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(r.summary()).contains("pi-worker-2").doesNotContain("pi-worker-1");
        });
        assertThat(results).filteredOn(r -> r.id().equals("vm-up-per-node")).singleElement()
                .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.FAILED));
    }
}
