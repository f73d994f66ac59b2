package dev.homelab.console.migration.phase2;

import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PodRollout;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.ValuesDiff;
import dev.homelab.console.migration.export.ExportsTarget;
import dev.homelab.console.stack.gitops.ReleaseTarget;
import dev.homelab.console.stack.gitops.SecretTemplate;
import dev.homelab.console.stack.gitops.TargetState;
import dev.homelab.console.stack.vm.ScrapeTargetsValues;
import dev.homelab.console.stack.vm.VmStackInputs;
import dev.homelab.console.stack.vm.VmStackValues;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.vm.NodeIdentity;
import dev.homelab.console.verify.vm.NodeScrapeCheck;
import dev.homelab.console.verify.vm.RuleConversionCheck;
import dev.homelab.console.verify.vm.RuleInventory;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs victoria-metrics-k8s-stack 0.91.2 with the typed values ({@link VmStackValues}), waits for every
 * component's pods with per-pod progress, and verifies that every node is scraped, that samples arrive
 * ({@code up == 1} per node) and that the existing PrometheusRules were converted and loaded by vmalert.
 */
public final class VmStackInstallStep implements MigrationStep, ExportsTarget {

    public static final String ID = "vm-stack";
    static final Duration HELM_TIMEOUT = Duration.ofMinutes(10);
    static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration SCRAPE_WAIT = Duration.ofMinutes(2);

    private final Clock clock;
    private final Duration scrapeWait;
    private final Duration scrapePoll;

    public VmStackInstallStep() {
        this(Clock.systemUTC(), SCRAPE_WAIT, Duration.ofSeconds(5));
    }

    VmStackInstallStep(Clock clock, Duration scrapeWait, Duration scrapePoll) {
        this.clock = clock;
        this.scrapeWait = scrapeWait;
        this.scrapePoll = scrapePoll;
    }

    /** The components whose pods the rollout waits for: operator-made workloads are labelled by kind and CR name. */
    record Component(String title, Map<String, String> labels, boolean perNode) {
    }

    static List<Component> components(VmStackInputs inputs) {
        String name = inputs.releaseName();
        List<Component> components = new ArrayList<>(List.of(
                new Component("victoria-metrics-operator", Map.of("app.kubernetes.io/name",
                        "victoria-metrics-operator", "app.kubernetes.io/instance", name), false),
                new Component("vmsingle", Map.of("app.kubernetes.io/name", "vmsingle",
                        "app.kubernetes.io/instance", name), false),
                new Component("vmagent", Map.of("app.kubernetes.io/name", "vmagent",
                        "app.kubernetes.io/instance", name), false),
                new Component("vmalert", Map.of("app.kubernetes.io/name", "vmalert",
                        "app.kubernetes.io/instance", name), false),
                new Component("vmalertmanager", Map.of("app.kubernetes.io/name", "vmalertmanager",
                        "app.kubernetes.io/instance", name), false),
                new Component("kube-state-metrics", Map.of("app.kubernetes.io/name", "kube-state-metrics",
                        "app.kubernetes.io/instance", name), false)));
        if (inputs.nodeExporter()) {
            components.add(new Component("prometheus-node-exporter", Map.of("app.kubernetes.io/name",
                    "prometheus-node-exporter", "app.kubernetes.io/instance", name), true));
        }
        return components;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Install victoria-metrics-k8s-stack (vmsingle, vmagent, vmalert, Alertmanager)";
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        MigrationSettings settings = context.settings();
        StackDetection detection = StackDetection.detect(context.kube(), settings);
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(detection.storageClass().isPresent() && !detection.storageClassReason().contains("no StorageClass")
                ? PreflightCheck.ok("storage-class", "StorageClass for vmsingle", detection.storageClass().get()
                + ": " + detection.storageClassReason())
                : PreflightCheck.blocking("storage-class", "StorageClass for vmsingle", detection.storageClassReason(),
                "Install local-path (k3s ships it) or Longhorn, or choose an existing StorageClass in the settings"));
        checks.add(detection.bufferNode().isPresent()
                ? PreflightCheck.ok("vmagent-node", "Node for vmagent's disk buffer", detection.bufferNode().get()
                + ": " + detection.bufferNodeReason())
                : PreflightCheck.blocking("vmagent-node", "Node for vmagent's disk buffer",
                detection.bufferNodeReason(), "Choose an existing node in the settings (" +
                        StackDetection.BUFFER_NODE_SETTING + ")"));
        checks.add(detection.port9100Holder()
                .map(holder -> PreflightCheck.warning("node-exporter-port", "Host port 9100", holder
                                + " binds host port 9100, so the stack's node-exporter stays off for now",
                        "It is switched on when kube-prometheus-stack is decommissioned (Phase 5)"))
                .orElse(PreflightCheck.ok("node-exporter-port", "Host port 9100",
                        "free: the stack installs its own node-exporter")));
        checks.add(PreflightCheck.ok("k3s", "Control-plane scrapes", detection.k3s()
                ? "k3s detected: controller-manager, scheduler, etcd and kube-proxy scrapes and their rule groups are"
                + " turned off" : "not k3s: the chart's control-plane scrapes stay as they are"));
        boolean secret = PushoverSecretStep.existing(context) != null;
        checks.add(secret ? PreflightCheck.ok("pushover-secret", "Pushover Secret", "Secret "
                + settings.monitoringNamespace() + "/" + settings.pushoverSecretName() + " exists")
                : PreflightCheck.blocking("pushover-secret", "Pushover Secret", "Secret "
                + settings.monitoringNamespace() + "/" + settings.pushoverSecretName() + " does not exist, and"
                + " Alertmanager cannot start without the files it mounts", "Run the step \"" + new PushoverSecretStep()
                .title() + "\" first"));
        try {
            detection.inputs(settings);
        } catch (IllegalArgumentException e) {
            checks.add(PreflightCheck.blocking("values", "Values for the chart", e.getMessage(),
                    "Change the migration settings"));
        }
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) {
        MigrationSettings settings = context.settings();
        Optional<HelmRelease> installed = context.releases().get(settings.monitoringNamespace(),
                settings.vmReleaseName());
        if (installed.isEmpty() || !installed.get().deployed()
                || !VmStackValues.CHART_VERSION.equals(installed.get().chartVersion())) {
            return false;
        }
        Map<String, Object> planned = values(context).toMap();
        return ValuesDiff.toYaml(planned).equals(ValuesDiff.toYaml(installed.get().values()));
    }

    @Override
    public StepPlan plan(StepContext context) {
        VmStackValues values = values(context);
        VmStackInputs inputs = values.inputs();
        StackDetection detection = StackDetection.detect(context.kube(), context.settings());
        List<String> notes = new ArrayList<>();
        notes.add("vmsingle keeps " + inputs.retention() + " on a " + inputs.storageSize() + " volume of StorageClass "
                + inputs.storageClass() + " (" + detection.storageClassReason() + ").");
        notes.add(inputs.buffer().explanation());
        notes.add(detection.port9100Holder().map(h -> "node-exporter: off, because " + h + " still binds host port"
                + " 9100 (the two cannot run side by side); Phase 5 switches it on.")
                .orElse("node-exporter: on (host port 9100 is free)."));
        notes.add("Converter ownership (victoria-metrics-operator.operator.enable_converter_ownership): "
                + (inputs.converterOwnership() ? "on — VMRules/VMServiceScrapes converted from kube-prometheus-stack's"
                + " objects disappear together with kube-prometheus-stack; deleting the monitoring.coreos.com CRDs"
                + " would delete every converted object" : "off — converted objects stay after kube-prometheus-stack"
                + " is removed and must be cleaned up by label") + ". Change it with the setting "
                + StackDetection.OWNERSHIP_SETTING + ".");
        if (inputs.k3s()) {
            notes.add("k3s: controller-manager, scheduler, etcd and kube-proxy are not scraped, rule groups "
                    + ScrapeTargetsValues.K3S_DISABLED_RULE_GROUPS + " are off, and the kubelet scrape drops the"
                    + " duplicated apiserver_/etcd_/workqueue_ series.");
        }
        notes.add("Alertmanager reads the Pushover token and user key from the mounted Secret "
                + inputs.pushoverSecretName() + "; no secret is part of these values. Priority is 1 for"
                + " severity=critical and 0 otherwise; Watchdog notifies nobody.");
        notes.add("The chart's Grafana is off; the existing Grafana stays. The chart's sync-job downloads the default"
                + " rules from GitHub, so the cluster needs internet access during install.");
        ReleaseRequest request = request(values, context.settings());
        return new StepPlan(ID, "Install or upgrade " + inputs.namespace() + "/" + inputs.releaseName() + " ("
                + request.chart() + ") with Raspberry Pi 5 resources",
                List.of(HelmPlans.installOrUpgrade(context, request, "victoria-metrics-k8s-stack: vmsingle "
                        + inputs.retention() + ", vmagent every " + inputs.scrapeInterval() + " with a disk buffer,"
                        + " vmalert, Alertmanager to Pushover")), notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        VmStackValues values = values(context);
        progress.update("helm upgrade --install " + values.inputs().releaseName(), -1);
        context.releases().installOrUpgrade(request(values, context.settings()), progress);
        PodRollout rollout = new PodRollout(context.kube(), clock);
        int nodes = context.kube().nodes().list().getItems().size();
        for (Component component : components(values.inputs())) {
            progress.checkCancelled();
            progress.log("Waiting for " + component.title());
            rollout.awaitReady(ID, values.inputs().namespace(), component.labels(), component.perNode() ? nodes : 1,
                    ROLLOUT_TIMEOUT, progress);
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        MigrationSettings settings = context.settings();
        VmStackInputs inputs = StackDetection.detect(context.kube(), settings).inputs(settings);
        List<CheckResult> results = new ArrayList<>();
        results.add(releaseCheck(context));
        results.add(podsCheck(context, inputs));
        StackServices services = new StackServices(context);
        List<NodeIdentity> nodes = context.kube().nodes().list().getItems().stream().map(NodeIdentity::of).toList();
        try {
            results.addAll(scrapeChecks(new NodeScrapeCheck(services.vmagent(), services.victoriaMetrics()), nodes,
                    progress));
        } catch (ServiceUnreachableException e) {
            results.add(CheckResult.unverified(NodeScrapeCheck.TARGETS_ID, "Every node is scraped", e.getMessage(),
                    List.of()));
        }
        RuleInventory rules = new RuleInventory(context.kube());
        try {
            results.addAll(new RuleConversionCheck().run(rules.prometheusRules(), rules.vmRules(), services.vmalert(),
                    rules.converterSettings(settings.monitoringNamespace()),
                    Optional.of(inputs.converterOwnership())));
        } catch (ServiceUnreachableException e) {
            results.add(CheckResult.unverified(RuleConversionCheck.LOADED_ID, "Existing rules are loaded by vmalert",
                    e.getMessage(), List.of()));
        }
        return results;
    }

    /** New targets need one scrape interval and one remote-write flush: retry, bounded and cancellable. */
    private List<CheckResult> scrapeChecks(NodeScrapeCheck check, List<NodeIdentity> nodes, Progress progress)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(scrapeWait);
        List<CheckResult> results = check.run(nodes);
        while (results.stream().anyMatch(r -> !r.passed()) && clock.instant().isBefore(deadline)) {
            progress.checkCancelled();
            progress.update("Waiting for every node's first scrape to reach VictoriaMetrics", -1);
            Thread.sleep(scrapePoll.toMillis());
            results = check.run(nodes);
        }
        return results;
    }

    private CheckResult releaseCheck(StepContext context) {
        MigrationSettings settings = context.settings();
        String title = "Helm release " + settings.monitoringNamespace() + "/" + settings.vmReleaseName()
                + " is deployed";
        return context.releases().get(settings.monitoringNamespace(), settings.vmReleaseName())
                .map(r -> r.deployed()
                        ? CheckResult.passed("vm-stack-release", title, r.chart() + " revision " + r.revision()
                        + " deployed", List.of(new Evidence("helm release", r.chart() + " " + r.status())))
                        : CheckResult.failed("vm-stack-release", title, r.chart() + " revision " + r.revision() + " is "
                        + r.status() + ": " + r.description(), List.of()))
                .orElse(CheckResult.failed("vm-stack-release", title, "the release is not installed", List.of()));
    }

    private CheckResult podsCheck(StepContext context, VmStackInputs inputs) {
        String title = "Every component's pods are Ready";
        List<Evidence> evidence = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        for (Component component : components(inputs)) {
            List<Pod> pods = context.kube().pods().inNamespace(inputs.namespace()).withLabels(component.labels())
                    .list().getItems();
            long ready = pods.stream().filter(VmStackInstallStep::ready).count();
            evidence.add(new Evidence("pods " + component.labels(), ready + "/" + pods.size() + " Ready"));
            if (pods.isEmpty() || ready < pods.size()) {
                notReady.add(component.title());
            }
        }
        return notReady.isEmpty()
                ? CheckResult.passed("vm-stack-pods", title, "All " + components(inputs).size() + " components run",
                evidence)
                : CheckResult.failed("vm-stack-pods", title, "Not ready: " + String.join(", ", notReady), evidence);
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        MigrationSettings settings = context.settings();
        if (context.releases().get(settings.monitoringNamespace(), settings.vmReleaseName()).isPresent()) {
            context.releases().uninstall(settings.monitoringNamespace(), settings.vmReleaseName(), progress);
        }
    }

    @Override
    public String undoDescription() {
        return "Uninstalls the victoria-metrics-k8s-stack release (its pre-delete hook removes the VM objects in its"
                + " namespace; vmsingle's volume and the operator's CRDs stay, as Helm leaves them).";
    }

    static VmStackValues values(StepContext context) {
        MigrationSettings settings = context.settings();
        return VmStackValues.from(StackDetection.detect(context.kube(), settings).inputs(settings));
    }

    /** The chart from the repository Phase 1 added (or its mirror, setting {@code repo.victoria-metrics}). */
    static ReleaseRequest request(VmStackValues values, MigrationSettings settings) {
        VmStackInputs inputs = values.inputs();
        java.net.URI repository = settings.extra("repo." + VmStackValues.REPO_NAME).filter(u -> !u.isBlank())
                .map(java.net.URI::create).orElse(VmStackValues.REPO_URL);
        return new ReleaseRequest(inputs.releaseName(), inputs.namespace(), new ChartRef(VmStackValues.REPO_NAME,
                repository, VmStackValues.CHART, VmStackValues.CHART_VERSION), values.toMap(), true, HELM_TIMEOUT);
    }

    /** The release this step installs, with the Pushover Secret as a template (its values never leave the cluster). */
    @Override
    public Optional<TargetState> target(StepContext context) {
        ReleaseRequest request = request(values(context), context.settings());
        SecretTemplate pushover = new SecretTemplate(context.settings().pushoverSecretName(), request.namespace(),
                Map.of("token", new SecretTemplate.ValueSource(SecretsProvider.ENVIRONMENT_VARIABLES.get(
                                SecretsProvider.PUSHOVER_TOKEN), "Pushover application token"),
                        "user_key", new SecretTemplate.ValueSource(SecretsProvider.ENVIRONMENT_VARIABLES.get(
                                SecretsProvider.PUSHOVER_USER_KEY), "Pushover user key")),
                "Alertmanager mounts it at /etc/vm/secrets/" + context.settings().pushoverSecretName() + "/");
        return Optional.of(TargetState.ofRelease(new ReleaseTarget(request.name(), request.namespace(),
                request.chart(), request.values())).withSecret(pushover)
                .withNote("Argo CD: the operator converts kube-prometheus-stack's ServiceMonitors and rules into VM "
                        + "objects that copy their labels; if Argo CD tracks those, add victoria-metrics-operator."
                        + "operator.prometheus_converter_add_argocd_ignore_annotations: true to " + request.name()
                        + "'s values so Argo CD neither reports nor prunes them."));
    }
}
