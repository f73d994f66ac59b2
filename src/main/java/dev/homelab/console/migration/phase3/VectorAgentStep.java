package dev.homelab.console.migration.phase3;

import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PodRollout;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.ValuesDiff;
import dev.homelab.console.migration.export.ExportsTarget;
import dev.homelab.console.stack.gitops.ReleaseTarget;
import dev.homelab.console.stack.gitops.TargetState;
import dev.homelab.console.stack.vector.VectorAgentConfig;
import dev.homelab.console.stack.vector.VectorAgentSpec;
import dev.homelab.console.stack.vector.VectorChartValues;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import dev.homelab.console.verify.CheckResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 3b: installs Vector (chart vector 0.57.0, role Agent) as a DaemonSet shipping pod logs and the host journal to
 * the in-cluster Loki, with labels namespace/pod/container/node/app/job, a disk buffer on the host and Pi-sized
 * resources. Vector's own configuration travels in a ConfigMap, out of reach of Helm's {@code tpl}.
 */
public final class VectorAgentStep implements MigrationStep, ExportsTarget {

    public static final String ID = "vector-agent";
    static final String CONFIG_KEY = "vector.yaml";
    static final ChartRef CHART = new ChartRef("vector", URI.create("https://helm.vector.dev"),
            VectorChartValues.CHART, VectorChartValues.CHART_VERSION);
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    static final Duration ARRIVAL_WAIT = Duration.ofMinutes(2);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Install Vector as the logs agent (kubernetes_logs + journald → Loki, disk buffer)";
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        Optional<LokiTarget> found = LokiTarget.find(context);
        if (found.isEmpty()) {
            return List.of(PreflightCheck.blocking("loki", "Loki to ship to", "no Loki release is installed",
                    "Install Loki first (Phase 3 keeps the existing Loki)"));
        }
        LokiTarget loki = found.get();
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(loki.inClusterUrl().map(url -> PreflightCheck.ok("loki", "Loki to ship to", url.toString()))
                .orElse(PreflightCheck.blocking("loki", "Loki to ship to", "no loki-gateway or loki Service was found",
                        "Check the Loki release's Services on the Overview page")));
        if (loki.details().authEnabled()) {
            checks.add(loki.tenant().map(t -> PreflightCheck.ok("tenant", "Loki tenant", "auth_enabled: Vector sends "
                            + "X-Scope-OrgID " + t))
                    .orElse(PreflightCheck.blocking("tenant", "Loki tenant", "Loki runs with auth_enabled and no tenant"
                            + " was found in Alloy's configuration", "Set the migration setting "
                            + LokiTarget.TENANT_SETTING + " to the tenant your logs are written to")));
        }
        context.releases().list().stream().filter(r -> "alloy".equals(r.chartName())).findFirst().ifPresent(alloy ->
                checks.add(PreflightCheck.warning("alloy", "Alloy still ships logs", "Alloy (" + alloy.namespace()
                        + "/" + alloy.name() + ") keeps sending logs until Phase 5, so Loki holds each line twice for"
                        + " a while (different label sets)", "Expected during the migration; Phase 5 removes Alloy")));
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) {
        Optional<VectorAgentSpec> spec = spec(context);
        Optional<HelmRelease> installed = context.releases().get(namespace(context), release(context));
        if (spec.isEmpty() || installed.isEmpty() || !installed.get().deployed()) {
            return false;
        }
        ConfigMap current = context.kube().configMaps().inNamespace(namespace(context))
                .withName(VectorChartValues.CONFIG_MAP_NAME).get();
        return current != null && configYaml(spec.get()).equals(current.getData().get(CONFIG_KEY))
                && ValuesDiff.toYaml(VectorChartValues.render(spec.get()))
                .equals(ValuesDiff.toYaml(installed.get().values()));
    }

    @Override
    public StepPlan plan(StepContext context) {
        VectorAgentSpec spec = spec(context).orElseThrow(() -> new IllegalStateException("see preflight"));
        ConfigMap current = context.kube().configMaps().inNamespace(namespace(context))
                .withName(VectorChartValues.CONFIG_MAP_NAME).get();
        List<PlannedChange> changes = List.of(
                HelmPlans.object(context, "ConfigMap", namespace(context), VectorChartValues.CONFIG_MAP_NAME,
                        current == null ? null : Map.of("data", current.getData()),
                        Map.of("data", Map.of(CONFIG_KEY, configYaml(spec))),
                        "Vector's own configuration: sources, label remaps, Loki sink with a "
                                + spec.bufferMaxBytes() / (1024 * 1024) + " MiB disk buffer"),
                HelmPlans.installOrUpgrade(context, request(context, spec), "Vector agent DaemonSet on every node"));
        List<String> notes = List.of(
                "Labels sent to Loki: namespace, pod, container, node, app, job — bounded on purpose (no pod UID, IP"
                        + " or image), and the names Alloy used, so {namespace=\"kube-system\"} keeps working.",
                "Host journal from " + spec.journalDirectory() + " (Debian-based image, which has journalctl); the"
                        + " previous boot's unread entries are kept (current_boot_only: false).",
                "Checkpoints and the disk buffer live in " + spec.hostDataPath() + " on each node: they survive pod"
                        + " restarts and reboots. When Loki is down the buffer fills and then blocks (when_full: block),"
                        + " so pod logs wait in their files instead of being dropped.",
                "Pod logs older than 10 minutes are not re-shipped on first start (Alloy already sent them).",
                "The configuration is a ConfigMap (existingConfigMaps), not customConfig: Helm's tpl would otherwise"
                        + " evaluate Vector's {{ field }} templates.");
        return new StepPlan(ID, "Install Vector " + VectorChartValues.CHART_VERSION + " in " + namespace(context)
                + ", shipping to " + spec.lokiEndpoint(), changes, notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        VectorAgentSpec spec = spec(context).orElseThrow(() -> new StepFailedException(ID,
                "Loki or its tenant is no longer known; run the preflight again", null));
        String namespace = namespace(context);
        if (context.kube().namespaces().withName(namespace).get() == null) {
            context.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        progress.update("Writing ConfigMap " + VectorChartValues.CONFIG_MAP_NAME, -1);
        context.kube().configMaps().inNamespace(namespace).resource(configMap(namespace, spec))
                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        progress.update("helm upgrade --install " + release(context), -1);
        context.releases().installOrUpgrade(request(context, spec), progress);
        int nodes = context.kube().nodes().list().getItems().size();
        new PodRollout(context.kube(), Clock.systemUTC()).awaitReady(ID, namespace,
                Map.of("app.kubernetes.io/instance", release(context)), nodes, TIMEOUT, progress);
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        List<CheckResult> results = new ArrayList<>();
        results.add(VectorChecks.podsOnEveryNode(context, namespace(context), release(context)));
        Optional<LokiTarget> loki = LokiTarget.find(context);
        try {
            LokiClient client = LokiReadiness.client(context, loki.flatMap(LokiTarget::tenant));
            Instant deadline = Instant.now().plus(ARRIVAL_WAIT);
            CheckResult perNode = VectorChecks.linesFromEveryNode(context, client, Instant.now());
            while (!perNode.passed() && Instant.now().isBefore(deadline)) {
                progress.checkCancelled();
                progress.update("Waiting for the first lines of every node to reach Loki", -1);
                Thread.sleep(5_000);
                perNode = VectorChecks.linesFromEveryNode(context, client, Instant.now());
            }
            results.add(perNode);
            results.add(VectorChecks.kubeSystemLines(client, Instant.now()));
        } catch (LokiException e) {
            results.add(CheckResult.unverified("vector-lines-per-node", "Logs from every node arrive in Loki",
                    e.getMessage(), List.of()));
        }
        results.add(VectorChecks.sinkHealthy(context, namespace(context), release(context)));
        return results;
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        String namespace = namespace(context);
        if (context.releases().get(namespace, release(context)).isPresent()) {
            context.releases().uninstall(namespace, release(context), progress);
        }
        context.kube().configMaps().inNamespace(namespace).withName(VectorChartValues.CONFIG_MAP_NAME).delete();
    }

    @Override
    public String undoDescription() {
        return "Uninstalls the Vector release and deletes its ConfigMap; buffers on the nodes' disks stay in "
                + "/var/lib/vector until removed by hand.";
    }

    static String namespace(StepContext context) {
        String configured = context.settings().logsNamespace();
        return configured == null || configured.isBlank() ? "vector" : configured;
    }

    static String release(StepContext context) {
        String configured = context.settings().vectorReleaseName();
        return configured == null || configured.isBlank() ? "vector" : configured;
    }

    private static Optional<VectorAgentSpec> spec(StepContext context) {
        Optional<LokiTarget> loki = LokiTarget.find(context);
        if (loki.isEmpty() || loki.get().inClusterUrl().isEmpty()
                || loki.get().details().authEnabled() && loki.get().tenant().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(VectorAgentSpec.forLoki(loki.get().inClusterUrl().get(), loki.get().tenant()));
    }

    private static String configYaml(VectorAgentSpec spec) {
        return Json.YAML.writeValueAsString(VectorAgentConfig.render(spec));
    }

    private static ConfigMap configMap(String namespace, VectorAgentSpec spec) {
        return new ConfigMapBuilder().withNewMetadata().withName(VectorChartValues.CONFIG_MAP_NAME)
                .withNamespace(namespace).addToLabels("app.kubernetes.io/managed-by", "homelab-console").endMetadata()
                .addToData(CONFIG_KEY, configYaml(spec)).build();
    }

    private static ReleaseRequest request(StepContext context, VectorAgentSpec spec) {
        return new ReleaseRequest(release(context), namespace(context), CHART, VectorChartValues.render(spec), true,
                TIMEOUT);
    }

    /** The Vector release and, next to it, the ConfigMap with vector.yaml (delivered outside Helm's tpl). */
    @Override
    public Optional<TargetState> target(StepContext context) {
        return spec(context).map(spec -> {
            ReleaseRequest request = request(context, spec);
            return TargetState.ofRelease(new ReleaseTarget(request.name(), request.namespace(), request.chart(),
                    request.values())).withObject(configMap(namespace(context), spec));
        });
    }
}
