package dev.homelab.console.migration.phase4;

import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.export.ExportsTarget;
import dev.homelab.console.migration.phase3.LokiTarget;
import dev.homelab.console.stack.gitops.ExtraFile;
import dev.homelab.console.stack.gitops.TargetState;
import dev.homelab.console.stack.grafana.DatasourceChange;
import dev.homelab.console.stack.grafana.DatasourceTargets;
import dev.homelab.console.stack.grafana.SidecarDatasources;
import dev.homelab.console.stack.vm.StackNames;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.grafana.DatasourceHealth;
import dev.homelab.console.verify.grafana.GrafanaApiException;
import dev.homelab.console.verify.grafana.GrafanaClient;
import dev.homelab.console.verify.grafana.GrafanaDatasource;
import io.fabric8.kubernetes.api.model.ConfigMap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Phase 4: gives the existing Grafana a Prometheus-type datasource on VictoriaMetrics and makes sure it has Loki,
 * through the sidecar (a labelled ConfigMap) when Grafana runs one, else through the HTTP API with a service-account
 * token. Existing datasources are never changed silently: provisioned ones are refused with the reason, others show
 * their diff. Verified with Grafana's own datasource health API.
 */
public final class GrafanaDatasourcesStep implements MigrationStep, ExportsTarget {

    public static final String ID = "grafana-datasources";
    static final String CREATED_UIDS = "createdUids";
    static final String PREVIOUS = "previous.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Point Grafana at VictoriaMetrics and check its Loki datasource";
    }

    @Override
    public int phase() {
        return 4;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        Optional<GrafanaTarget> found = GrafanaTarget.find(context);
        if (found.isEmpty()) {
            return List.of(PreflightCheck.blocking("grafana", "Existing Grafana", "no Grafana release was found (neither"
                    + " the grafana chart nor kube-prometheus-stack's subchart)", "Install Grafana, or skip Phase 4"));
        }
        GrafanaTarget grafana = found.get();
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(PreflightCheck.ok("grafana", "Existing Grafana", grafana.release().namespace() + "/"
                + grafana.release().name() + " (" + grafana.release().chart() + ")"));
        if (grafana.partOfKubePrometheusStack()) {
            checks.add(PreflightCheck.warning("grafana-kps", "Grafana belongs to kube-prometheus-stack", "uninstalling "
                    + "kube-prometheus-stack in Phase 5 removes this Grafana too (and dashboards made in its UI if it "
                    + "has no persistence)", "Move Grafana to its own grafana release before Phase 5"));
        }
        checks.add(grafana.sidecar()
                ? PreflightCheck.ok("provisioning", "How datasources are provisioned", "sidecar: ConfigMaps labelled "
                + grafana.sidecarLabel() + "=" + grafana.sidecarLabelValue() + " in " + grafana.namespace())
                : apiAccess(context).isPresent()
                ? PreflightCheck.ok("provisioning", "How datasources are provisioned", "HTTP API with "
                + apiAccess(context).get())
                : PreflightCheck.blocking("provisioning", "How datasources are provisioned", "this Grafana runs no "
                + "datasource sidecar, so only its HTTP API can add datasources, and no token was given",
                "Create a service-account token (Admin) in Grafana and enter it, or set HOMELAB_GRAFANA_TOKEN, "
                        + "or let the wizard read Grafana's admin login from its Secret"));
        if (grafana.service().isEmpty()) {
            checks.add(PreflightCheck.warning("grafana-service", "Grafana Service", "not found: the health of the "
                    + "datasources cannot be checked", "Check the Grafana release's Service"));
        }
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) throws Exception {
        Optional<GrafanaTarget> grafana = GrafanaTarget.find(context);
        if (grafana.isEmpty()) {
            return false;
        }
        return decisions(context, grafana.get()).stream()
                .allMatch(d -> d.action() == DatasourceChange.Action.UNCHANGED);
    }

    @Override
    public StepPlan plan(StepContext context) throws Exception {
        GrafanaTarget grafana = GrafanaTarget.find(context).orElseThrow(() -> new IllegalStateException("see preflight"));
        List<DatasourceChange> decisions = decisions(context, grafana);
        List<String> notes = new ArrayList<>();
        for (DatasourceChange d : decisions) {
            notes.add(d.action() + " " + d.target().describe() + " — " + d.reason());
        }
        List<GrafanaDatasource> toWrite = decisions.stream().filter(d -> d.action() == DatasourceChange.Action.CREATE
                || d.action() == DatasourceChange.Action.UPDATE).map(DatasourceChange::target).toList();
        List<PlannedChange> changes = new ArrayList<>();
        if (grafana.sidecar()) {
            ConfigMap current = context.kube().configMaps().inNamespace(grafana.namespace())
                    .withName(SidecarDatasources.CONFIG_MAP_NAME).get();
            List<GrafanaDatasource> wanted = sidecarDatasources(current, decisions);
            if (!toWrite.isEmpty()) {
                ConfigMap planned = sidecarConfigMap(grafana, wanted);
                changes.add(HelmPlans.object(context, "ConfigMap", grafana.namespace(),
                        SidecarDatasources.CONFIG_MAP_NAME, current == null ? null : Map.of("data", current.getData()),
                        Map.of("data", planned.getData()), "datasource provisioning file for Grafana's sidecar"));
            }
        } else {
            for (DatasourceChange d : decisions) {
                if (d.action() == DatasourceChange.Action.CREATE || d.action() == DatasourceChange.Action.UPDATE) {
                    changes.add(HelmPlans.object(context, "GrafanaDatasource", grafana.namespace(), d.target().uid(),
                            d.current().map(GrafanaDatasourcesStep::asMap).orElse(null), asMap(d.target()),
                            d.reason()));
                }
            }
        }
        String summary = changes.isEmpty() ? "Grafana already has the datasources; nothing to change"
                : "Write " + toWrite.size() + " datasource(s) " + (grafana.sidecar() ? "through the sidecar"
                : "through Grafana's API");
        return new StepPlan(ID, summary, changes, notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        GrafanaTarget grafana = GrafanaTarget.find(context).orElseThrow(() -> new StepFailedException(ID,
                "Grafana is gone since the plan was made", null));
        List<DatasourceChange> decisions = decisions(context, grafana);
        if (grafana.sidecar()) {
            ConfigMap current = context.kube().configMaps().inNamespace(grafana.namespace())
                    .withName(SidecarDatasources.CONFIG_MAP_NAME).get();
            List<GrafanaDatasource> wanted = sidecarDatasources(current, decisions);
            if (wanted.isEmpty()) {
                return;
            }
            progress.update("Writing ConfigMap " + SidecarDatasources.CONFIG_MAP_NAME, -1);
            context.kube().configMaps().inNamespace(grafana.namespace()).resource(sidecarConfigMap(grafana, wanted))
                    .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
            return;
        }
        GrafanaClient client = client(context, grafana);
        List<String> created = new ArrayList<>();
        for (DatasourceChange d : decisions) {
            progress.checkCancelled();
            if (d.action() == DatasourceChange.Action.CREATE) {
                progress.update("Creating datasource " + d.target().name(), -1);
                client.create(d.target());
                created.add(d.target().uid());
                context.putOutput(CREATED_UIDS, String.join(",", created));
            } else if (d.action() == DatasourceChange.Action.UPDATE) {
                context.putOutput(PREVIOUS + d.target().uid(), Json.JSON.writeValueAsString(d.current().orElseThrow()));
                progress.update("Updating datasource " + d.target().name(), -1);
                client.update(d.target());
            }
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        Optional<GrafanaTarget> found = GrafanaTarget.find(context);
        if (found.isEmpty()) {
            return List.of(CheckResult.failed("grafana-datasources", "Grafana has the datasources",
                    "no Grafana release is installed", List.of()));
        }
        GrafanaTarget grafana = found.get();
        List<CheckResult> results = new ArrayList<>();
        if (apiAccess(context).isEmpty()) {
            results.add(CheckResult.unverified("grafana-vm-health", "VictoriaMetrics datasource answers in Grafana",
                    "no Grafana service-account token (or admin login) was given, so Grafana's datasource health "
                            + "API could not be asked (enter one, or set HOMELAB_GRAFANA_TOKEN)", List.of()));
            return results;
        }
        try {
            GrafanaClient client = client(context, grafana);
            results.add(health(client, DatasourceTargets.VM_UID, "grafana-vm-health",
                    "VictoriaMetrics datasource answers in Grafana"));
            Optional<GrafanaDatasource> loki = client.datasources().stream().filter(d -> "loki".equals(d.type()))
                    .findFirst();
            results.add(loki.isEmpty()
                    ? CheckResult.failed("grafana-loki-health", "Loki datasource answers in Grafana",
                    "Grafana has no datasource of type loki", List.of())
                    : health(client, loki.get().uid(), "grafana-loki-health", "Loki datasource answers in Grafana"));
        } catch (GrafanaApiException | ServiceUnreachableException e) {
            results.add(CheckResult.unverified("grafana-vm-health", "VictoriaMetrics datasource answers in Grafana",
                    e.getMessage(), List.of()));
        }
        return results;
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        Optional<GrafanaTarget> found = GrafanaTarget.find(context);
        if (found.isEmpty()) {
            return;
        }
        GrafanaTarget grafana = found.get();
        context.kube().configMaps().inNamespace(grafana.namespace()).withName(SidecarDatasources.CONFIG_MAP_NAME)
                .delete();
        if (grafana.sidecar() || apiAccess(context).isEmpty()) {
            return;
        }
        GrafanaClient client = client(context, grafana);
        for (String uid : context.output(ID, CREATED_UIDS).map(s -> s.split(",")).orElse(new String[0])) {
            if (!uid.isBlank() && client.byUid(uid).isPresent()) {
                client.delete(uid);
            }
        }
        for (String uid : List.of(DatasourceTargets.VM_UID)) {
            Optional<String> previous = context.output(ID, PREVIOUS + uid);
            if (previous.isPresent()) {
                client.update(Json.JSON.readValue(previous.get(), GrafanaDatasource.class));
            }
        }
    }

    @Override
    public String undoDescription() {
        return "Removes the datasources this step added (the sidecar ConfigMap, or via the API) and restores any it "
                + "changed.";
    }

    /**
     * The datasources as this step provisions them: with a sidecar, the very ConfigMap apply writes; through the API,
     * the payloads it sends (with a note, as GitOps cannot hold API calls). Refusals become notes.
     */
    @Override
    public Optional<TargetState> target(StepContext context) throws Exception {
        Optional<GrafanaTarget> found = GrafanaTarget.find(context);
        if (found.isEmpty()) {
            return Optional.of(TargetState.ofNote("No Grafana release was found, so no Grafana datasources are in the "
                    + "export (Phase 4 is skipped)."));
        }
        GrafanaTarget grafana = found.get();
        List<DatasourceChange> decisions = decisions(context, grafana);
        TargetState state = TargetState.empty();
        for (DatasourceChange d : decisions) {
            if (d.action() == DatasourceChange.Action.REFUSED) {
                state = state.withNote("Grafana datasource " + d.target().describe() + " is not exported: "
                        + d.reason());
            }
        }
        if (grafana.partOfKubePrometheusStack()) {
            state = state.withNote("Grafana " + grafana.release().name() + " belongs to kube-prometheus-stack, which "
                    + "Phase 5 removes: move Grafana to its own release before that.");
        }
        if (grafana.sidecar()) {
            ConfigMap current = context.kube().configMaps().inNamespace(grafana.namespace())
                    .withName(SidecarDatasources.CONFIG_MAP_NAME).get();
            List<GrafanaDatasource> wanted = sidecarDatasources(current, decisions);
            return Optional.of(wanted.isEmpty()
                    ? state.withNote("Grafana already has the datasources from its own provisioning; no datasource "
                    + "ConfigMap is exported.")
                    : state.withObject(sidecarConfigMap(grafana, wanted)));
        }
        for (DatasourceChange d : decisions) {
            if (d.action() != DatasourceChange.Action.REFUSED) {
                state = state.withFile(new ExtraFile("grafana/datasources/" + d.target().uid() + ".json",
                        Json.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(GrafanaClient.payload(d.target()))
                                + "\n"));
            }
        }
        return Optional.of(state.withNote("Grafana " + grafana.release().name() + " runs no datasource sidecar, so "
                + "its datasources are set through its HTTP API, which GitOps cannot hold: grafana/datasources/*.json "
                + "are the payloads this console sends (POST /api/datasources, or PUT /api/datasources/uid/<uid> when "
                + "it exists, with a service-account token: Authorization: Bearer $HOMELAB_GRAFANA_TOKEN). Or turn on "
                + "the chart's sidecar.datasources and export again to get a ConfigMap."
                + (apiAccess(context).isEmpty() ? " Grafana's existing datasources could not be read (no token), so the "
                + "Loki datasource is included in case Grafana has none." : "")));
    }

    /** What each target datasource needs, compared with what Grafana (API) or its sidecar ConfigMaps have. */
    private List<DatasourceChange> decisions(StepContext context, GrafanaTarget grafana) throws Exception {
        List<GrafanaDatasource> existing = existing(context, grafana);
        boolean otherDefault = existing.stream().anyMatch(d -> d.isDefault() && !DatasourceTargets.VM_UID.equals(d.uid()));
        List<DatasourceChange> decisions = new ArrayList<>();
        GrafanaDatasource vm = DatasourceTargets.victoriaMetrics(vmsingleUrl(context), "30s", false);
        decisions.add(DatasourceChange.decide(vm, match(existing, vm), otherDefault));
        // Loki only when Grafana has none besides the one this step provisioned (which stays in the target state)
        Set<String> ours = provisionedUids(context, grafana);
        if (existing.stream().filter(d -> "loki".equals(d.type())).allMatch(d -> ours.contains(d.uid()))) {
            Optional<LokiTarget> loki = LokiTarget.find(context);
            loki.flatMap(LokiTarget::inClusterUrl).ifPresent(url -> {
                GrafanaDatasource ds = DatasourceTargets.loki("loki", "Loki", url.toString(),
                        loki.get().tenant().orElse(null));
                decisions.add(DatasourceChange.decide(ds, match(existing, ds), otherDefault));
            });
        }
        return decisions;
    }

    /** The datasources this step wrote: its sidecar ConfigMap's, or those it created through the API. */
    private static Set<String> provisionedUids(StepContext context, GrafanaTarget grafana) {
        Set<String> uids = new HashSet<>();
        ConfigMap current = context.kube().configMaps().inNamespace(grafana.namespace())
                .withName(SidecarDatasources.CONFIG_MAP_NAME).get();
        if (current != null) {
            SidecarDatasources.parse(current).forEach(d -> uids.add(d.uid()));
        }
        context.output(ID, CREATED_UIDS).ifPresent(created -> uids.addAll(List.of(created.split(","))));
        return uids;
    }

    private List<GrafanaDatasource> existing(StepContext context, GrafanaTarget grafana) throws Exception {
        List<GrafanaDatasource> existing = new ArrayList<>();
        if (grafana.sidecar()) {
            for (ConfigMap cm : context.kube().configMaps().inNamespace(grafana.namespace())
                    .withLabel(grafana.sidecarLabel()).list().getItems()) {
                boolean ours = SidecarDatasources.CONFIG_MAP_NAME.equals(cm.getMetadata().getName());
                for (GrafanaDatasource ds : SidecarDatasources.parse(cm)) {
                    // ours are "provisioned" too, but this step owns them and may rewrite them
                    existing.add(ours ? new GrafanaDatasource(ds.uid(), ds.name(), ds.type(), ds.url(), ds.access(),
                            ds.isDefault(), ds.jsonData(), false, ds.secureJsonData()) : ds);
                }
            }
        }
        if (apiAccess(context).isPresent() && grafana.service().isPresent()) {
            for (GrafanaDatasource ds : client(context, grafana).datasources()) {
                if (existing.stream().noneMatch(e -> e.uid().equals(ds.uid()))) {
                    existing.add(ds);
                }
            }
        }
        return existing;
    }

    private static Optional<GrafanaDatasource> match(List<GrafanaDatasource> existing, GrafanaDatasource target) {
        return existing.stream().filter(d -> d.uid().equals(target.uid()) || d.name().equals(target.name()))
                .findFirst();
    }

    /**
     * What this step's sidecar ConfigMap holds: the datasources it creates or updates, and those it wrote before (the
     * ConfigMap is rewritten whole). Refused ones and ones another provisioning source has are left out.
     */
    private static List<GrafanaDatasource> sidecarDatasources(ConfigMap current, List<DatasourceChange> decisions) {
        return decisions.stream()
                .filter(d -> d.action() == DatasourceChange.Action.CREATE
                        || d.action() == DatasourceChange.Action.UPDATE
                        || d.action() == DatasourceChange.Action.UNCHANGED && ours(current, d.target()))
                .map(DatasourceChange::target).toList();
    }

    private static ConfigMap sidecarConfigMap(GrafanaTarget grafana, List<GrafanaDatasource> datasources) {
        return SidecarDatasources.configMap(grafana.namespace(), grafana.sidecarLabel(), grafana.sidecarLabelValue(),
                datasources);
    }

    private static boolean ours(ConfigMap current, GrafanaDatasource target) {
        return current != null && SidecarDatasources.parse(current).stream().anyMatch(d -> d.uid().equals(target.uid()));
    }

    private static String vmsingleUrl(StepContext context) {
        StackNames names = new StackNames(context.settings().vmReleaseName(), context.settings().monitoringNamespace());
        return "http://" + names.vmsingleService() + "." + names.namespace() + ".svc.cluster.local:"
                + StackNames.VMSINGLE_PORT;
    }

    private static Optional<String> token(StepContext context) {
        return context.secrets().get(SecretsProvider.GRAFANA_TOKEN);
    }

    /** How this step may use Grafana's API, for the user to read: a token wins over the admin login. */
    private static Optional<String> apiAccess(StepContext context) {
        if (token(context).isPresent()) {
            return Optional.of("the service-account token you gave");
        }
        Optional<String> user = context.secrets().get(SecretsProvider.GRAFANA_ADMIN_USER);
        return context.secrets().get(SecretsProvider.GRAFANA_ADMIN_PASSWORD).isPresent() && user.isPresent()
                ? Optional.of("Grafana's admin login (" + user.get() + ")") : Optional.empty();
    }

    private static GrafanaClient client(StepContext context, GrafanaTarget grafana)
            throws ServiceUnreachableException {
        var endpoint = context.cluster().services().open(grafana.service().orElseThrow(() ->
                new ServiceUnreachableException(null, "Grafana's Service was not found", null)));
        if (token(context).isEmpty() && apiAccess(context).isPresent()) {
            return GrafanaClient.withBasicLogin(endpoint.baseUri(),
                    context.secrets().get(SecretsProvider.GRAFANA_ADMIN_USER).orElseThrow(),
                    () -> context.secrets().get(SecretsProvider.GRAFANA_ADMIN_PASSWORD).orElse("").toCharArray());
        }
        return new GrafanaClient(endpoint.baseUri(), () -> token(context).map(String::toCharArray).orElse(new char[0]));
    }

    private static CheckResult health(GrafanaClient client, String uid, String id, String title)
            throws GrafanaApiException {
        DatasourceHealth health = client.health(uid);
        List<Evidence> evidence = List.of(new Evidence("GET /api/datasources/uid/" + uid + "/health",
                "HTTP " + health.httpStatus() + ": " + health.message()));
        return health.ok() ? CheckResult.passed(id, title, health.message(), evidence)
                : CheckResult.failed(id, title, health.message(), evidence);
    }

    private static Map<String, Object> asMap(GrafanaDatasource ds) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.JSON.convertValue(ds, Map.class);
        return map;
    }
}
