package dev.homelab.console.migration.decommission;

import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.JournalState;
import dev.homelab.console.migration.MigrationJournal;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.phase2.PushoverSecretStep;
import dev.homelab.console.migration.phase2.PushoverTestStep;
import dev.homelab.console.migration.phase2.VmStackInstallStep;
import dev.homelab.console.migration.phase3.LokiReviewStep;
import dev.homelab.console.migration.phase3.VectorAgentStep;
import dev.homelab.console.migration.phase4.GrafanaDatasourcesStep;
import dev.homelab.console.stack.vm.StackNames;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Series;
import dev.homelab.console.cluster.ServiceRef;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 5: removes Grafana Alloy and kube-prometheus-stack once the new stack has proven itself (the gate), after
 * backing each release up so undo can reinstall it. Alloy goes first (it duplicates Vector's log lines), then
 * kube-prometheus-stack (its node-exporter frees host port 9100, so re-running "vm-stack" afterwards turns the new
 * stack's node-exporter on).
 */
public final class DecommissionStep implements MigrationStep {

    public static final String ID = "decommission";
    public static final String MIN_HISTORY_SETTING = DecommissionSettings.MIN_HISTORY_HOURS;
    static final List<String> ORDER = List.of("alloy", "kube-prometheus-stack");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Back up and uninstall Alloy and kube-prometheus-stack";
    }

    @Override
    public int phase() {
        return 5;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        List<PreflightCheck> checks = new ArrayList<>();
        for (GateCondition condition : gate(context)) {
            checks.add(condition.met() ? PreflightCheck.ok("gate." + condition.id(), condition.title(), condition.detail())
                    : PreflightCheck.blocking("gate." + condition.id(), condition.title(), condition.detail(),
                    fix(condition.id())));
        }
        for (String owner : GitOpsOwners.find(context.kube(), targets(context))) {
            checks.add(PreflightCheck.warning("gitops", "Managed by GitOps", owner + " would reinstall what this "
                    + "step removes", "Remove it from your GitOps repository first (the Export writes the target state)"));
        }
        if (targets(context).isEmpty()) {
            checks.add(PreflightCheck.ok("targets", "Releases to remove", "neither Alloy nor kube-prometheus-stack is "
                    + "installed any more"));
        }
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) {
        return targets(context).isEmpty();
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<PlannedChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (HelmRelease release : targets(context)) {
            changes.add(HelmPlans.uninstall(context, release, "after a backup to Secret " + ReleaseBackup.NAMESPACE
                    + "/" + ReleaseBackup.secretName(release) + " and a masked copy in the data folder"));
        }
        notes.add("Order: Alloy first (it ships every log line a second time next to Vector), then "
                + "kube-prometheus-stack.");
        notes.add("Helm leaves kube-prometheus-stack's CRDs, its kubelet Service/Endpoints in kube-system, admission "
                + "webhooks and PVCs behind: the next step lists them, each with what removing it means.");
        notes.add("Afterwards host port 9100 is free: run \"" + VmStackInstallStep.ID + "\" again to switch the new "
                + "stack's node-exporter on.");
        notes.add("Undo reinstalls both releases from the backups (same chart versions and values).");
        return new StepPlan(ID, "Uninstall " + targets(context).stream().map(r -> r.namespace() + "/" + r.name())
                .toList(), changes, notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        ReleaseBackup backup = new ReleaseBackup(context.kube(), context.dirs(), context.cluster().identity().clusterId());
        for (HelmRelease release : targets(context)) {
            progress.checkCancelled();
            progress.update("Backing up " + release.namespace() + "/" + release.name(), -1);
            Path folder = backup.backup(release, context.masker());
            context.putOutput("backup." + release.chartName(), release.namespace() + "/" + release.name());
            progress.log("Backup of " + release.name() + ": Secret " + ReleaseBackup.NAMESPACE + "/"
                    + ReleaseBackup.secretName(release) + ", readable copy in " + folder);
            progress.update("helm uninstall " + release.name(), -1);
            context.releases().uninstall(release.namespace(), release.name(), progress);
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        List<CheckResult> results = new ArrayList<>();
        List<HelmRelease> left = targets(context);
        results.add(left.isEmpty()
                ? CheckResult.passed("old-stack-removed", "Alloy and kube-prometheus-stack are uninstalled",
                "no release of either chart remains", List.of(new Evidence("helm releases", "none of "
                        + ORDER)))
                : CheckResult.failed("old-stack-removed", "Alloy and kube-prometheus-stack are uninstalled",
                "still installed: " + left.stream().map(r -> r.namespace() + "/" + r.name()).toList(), List.of()));
        results.add(ResourceDrop.check(context));
        return results;
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        ReleaseBackup backup = new ReleaseBackup(context.kube(), context.dirs(), context.cluster().identity().clusterId());
        List<String> reinstallOrder = new ArrayList<>(ORDER);
        java.util.Collections.reverse(reinstallOrder);
        for (String chart : reinstallOrder) {
            Optional<String> where = context.output(ID, "backup." + chart);
            if (where.isEmpty()) {
                continue;
            }
            String[] parts = where.get().split("/", 2);
            if (context.releases().get(parts[0], parts[1]).isPresent()) {
                continue;
            }
            HelmRelease saved = backup.restore(parts[0], parts[1]).orElseThrow(() -> new IllegalStateException(
                    "the backup Secret of " + where.get() + " is gone; reinstall it from the local copy by hand"));
            progress.update("Reinstalling " + where.get() + " (" + saved.chart() + ")", -1);
            context.releases().installOrUpgrade(ReleaseBackup.reinstallRequest(saved), progress);
        }
    }

    @Override
    public String undoDescription() {
        return "Reinstalls kube-prometheus-stack and Alloy from their backups (chart version and values as they were).";
    }

    static List<HelmRelease> targets(StepContext context) {
        List<HelmRelease> targets = new ArrayList<>();
        for (String chart : ORDER) {
            context.releases().list().stream().filter(r -> chart.equals(r.chartName())).forEach(targets::add);
        }
        return targets;
    }

    List<GateCondition> gate(StepContext context) {
        JournalState journal = new MigrationJournal(context.kube(), context.dirs(),
                context.cluster().identity().clusterId()).load();
        Map<Integer, List<String>> required = new LinkedHashMap<>();
        required.put(2, List.of(PushoverSecretStep.ID, VmStackInstallStep.ID, PushoverTestStep.ID));
        required.put(3, List.of(LokiReviewStep.ID, VectorAgentStep.ID));
        required.put(4, List.of(GrafanaDatasourcesStep.ID));
        Duration minimum = DecommissionSettings.minimumHistory(context.settings());
        return DecommissionGate.evaluate(journal, required, VmStackInstallStep.ID, PushoverTestStep.ID,
                oldestSample(context), minimum, Instant.now());
    }

    /** MetricsQL {@code tfirst_over_time}: the timestamp of the first raw sample VictoriaMetrics holds. */
    static Optional<Instant> oldestSample(StepContext context) {
        StackNames names = new StackNames(context.settings().vmReleaseName(), context.settings().monitoringNamespace());
        try {
            PromApiClient vm = new PromApiClient(context.cluster().services().open(new ServiceRef(names.namespace(),
                    names.vmsingleService(), StackNames.VMSINGLE_PORT)).baseUri(), true);
            List<Series> result = vm.query("min(tfirst_over_time(up[30d]))", null);
            if (result.isEmpty() || Double.isNaN(result.get(0).value())) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli((long) (result.get(0).value() * 1000)));
        } catch (ServiceUnreachableException | PromApiException e) {
            return Optional.empty();
        }
    }

    private static String fix(String conditionId) {
        return switch (conditionId) {
            case "history" -> "Wait, or lower the setting " + MIN_HISTORY_SETTING + " if you accept less history "
                    + "(wizard: Phase 5 settings; command line: --set " + MIN_HISTORY_SETTING + "=N)";
            case "rules" -> "Run the verification of \"" + VmStackInstallStep.ID + "\" until every converted rule is "
                    + "loaded";
            case "alerting" -> "Run \"" + PushoverTestStep.ID + "\" until a notification reaches Pushover";
            default -> "Finish and verify the phase in the wizard";
        };
    }
}
