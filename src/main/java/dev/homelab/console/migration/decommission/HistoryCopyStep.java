package dev.homelab.console.migration.decommission;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.JournalState;
import dev.homelab.console.migration.MigrationJournal;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.history.HistoryCopyJob;
import dev.homelab.console.migration.history.HistoryCopyPlan;
import dev.homelab.console.migration.history.SampleCountComparison;
import dev.homelab.console.migration.phase2.VmStackInstallStep;
import dev.homelab.console.stack.vm.StackNames;
import dev.homelab.console.task.Progress;
import dev.homelab.console.telemetry.history.Tsdb;
import dev.homelab.console.telemetry.history.TsdbLocator;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Series;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Phase 5, before the uninstall (optional): copies the old Prometheus history into VictoriaMetrics with vmctl running
 * as a Job in the cluster, from the oldest Prometheus sample (clamped to vmsingle's retention) to the cut-over (when
 * vm-stack was applied, from the journal), so nothing is copied twice. Apply follows the Job's pod and streams its
 * log; verify compares sample counts of the window in both databases. Skipped with {@code history.copy=false}.
 */
public final class HistoryCopyStep implements MigrationStep {

    public static final String ID = "history-copy";
    public static final String COPY_SETTING = "history.copy";
    static final Duration POLL = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofHours(6);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Copy the old Prometheus history into VictoriaMetrics";
    }

    @Override
    public int phase() {
        return 5;
    }

    static boolean skipped(StepContext context) {
        return "false".equalsIgnoreCase(context.settings().extra(COPY_SETTING).orElse("true"));
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        if (skipped(context)) {
            return List.of(PreflightCheck.ok("skipped", "History copy", "skipped on request (" + COPY_SETTING
                    + "=false): the old history goes with kube-prometheus-stack"));
        }
        Optional<ServiceRef> prometheus = prometheus(context);
        Optional<Instant> cutOver = cutOver(context);
        return List.of(
                prometheus.isPresent() ? PreflightCheck.ok("prometheus", "Old Prometheus", prometheus.get().toString())
                        : PreflightCheck.blocking("prometheus", "Old Prometheus", "no Prometheus Service was found",
                        "Nothing to copy: skip the copy with setting " + COPY_SETTING + "=false"),
                cutOver.isPresent() ? PreflightCheck.ok("cutover", "Cut-over time", cutOver.get().toString())
                        : PreflightCheck.blocking("cutover", "Cut-over time", "vm-stack has not been applied yet",
                        "Apply Phase 2 first"));
    }

    @Override
    public boolean isDone(StepContext context) {
        if (skipped(context)) {
            return true;
        }
        Job job = job(context);
        return job != null && job.getStatus() != null && job.getStatus().getSucceeded() != null
                && job.getStatus().getSucceeded() > 0;
    }

    @Override
    public StepPlan plan(StepContext context) throws Exception {
        if (skipped(context)) {
            return StepPlan.nothingToDo(id(), "Skipped on request (" + COPY_SETTING + "=false)");
        }
        HistoryCopyPlan plan = copyPlan(context);
        Job job = HistoryCopyJob.build(namespace(context), plan);
        return new StepPlan(id(), "Copies " + plan.start() + " .. " + plan.end() + " from " + plan.prometheusUrl()
                + " into " + plan.vmsingleUrl(), List.of(HelmPlans.object(context, "Job", namespace(context),
                HistoryCopyJob.NAME, null, Map.of("image", plan.vmctlImage(), "args",
                        job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()),
                "vmctl remote-read from the old Prometheus into vmsingle")),
                List.of("The window ends at the cut-over, so samples vmagent already wrote are not copied twice.",
                        "Undo deletes the Job; samples already imported stay in VictoriaMetrics."));
    }

    @Override
    public void apply(StepContext context, StepPlan approved, Progress progress) throws Exception {
        if (skipped(context)) {
            return;
        }
        var jobs = context.kube().batch().v1().jobs().inNamespace(namespace(context));
        if (jobs.withName(HistoryCopyJob.NAME).get() == null) {
            jobs.resource(HistoryCopyJob.build(namespace(context), copyPlan(context))).create();
        }
        Instant deadline = Instant.now().plus(MAX_WAIT);
        int linesShown = 0;
        while (Instant.now().isBefore(deadline)) {
            progress.checkCancelled();
            Job job = jobs.withName(HistoryCopyJob.NAME).get();
            Optional<Pod> pod = context.kube().pods().inNamespace(namespace(context))
                    .withLabel(HistoryCopyJob.LABEL, "history-copy").list().getItems().stream().findFirst();
            if (pod.isPresent()) {
                linesShown = streamLog(context, pod.get(), linesShown, progress);
            }
            if (job != null && job.getStatus() != null) {
                if (job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0) {
                    progress.update("vmctl finished", 1);
                    return;
                }
                if (job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0) {
                    throw new StepFailedException(id(), "The vmctl Job " + namespace(context) + "/"
                            + HistoryCopyJob.NAME + " failed; its log is above (kubectl logs job/"
                            + HistoryCopyJob.NAME + " -n " + namespace(context) + "). Undo deletes it, then retry",
                            null);
                }
            }
            progress.update("vmctl is copying the history" + pod.map(p -> " (pod " + p.getMetadata().getName()
                    + ")").orElse(""), -1);
            Thread.sleep(POLL.toMillis());
        }
        throw new StepFailedException(id(), "The vmctl Job did not finish within " + MAX_WAIT.toHours() + " h", null);
    }

    private static int streamLog(StepContext context, Pod pod, int shown, Progress progress) {
        String log;
        try {
            log = context.kube().pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).getLog();
        } catch (RuntimeException e) {
            return shown;
        }
        if (log == null) {
            return shown;
        }
        String[] lines = log.split("\n");
        for (int i = shown; i < lines.length; i++) {
            progress.log(lines[i]);
        }
        return Math.max(shown, lines.length);
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        String title = "History copied completely";
        if (skipped(context)) {
            return List.of(CheckResult.unverified("history-copied", title, "the copy was skipped on request ("
                    + COPY_SETTING + "=false)", List.of()));
        }
        HistoryCopyPlan plan = copyPlan(context);
        try {
            PromApiClient prometheus = new PromApiClient(context.cluster().services().open(prometheus(context)
                    .orElseThrow()).baseUri(), true);
            PromApiClient vm = new PromApiClient(context.cluster().services().open(vmsingle(context)).baseUri(),
                    true);
            return List.of(SampleCountComparison.compare(prometheus, vm, plan.start(), plan.end()));
        } catch (ServiceUnreachableException e) {
            return List.of(CheckResult.unverified("history-copied", title, "a database could not be reached: "
                    + e.getMessage(), List.of()));
        }
    }

    @Override
    public void undo(StepContext context, Progress progress) {
        context.kube().batch().v1().jobs().inNamespace(namespace(context)).withName(HistoryCopyJob.NAME)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
    }

    @Override
    public String undoDescription() {
        return "Deletes the vmctl Job; the samples it already imported stay in VictoriaMetrics.";
    }

    private static Job job(StepContext context) {
        return context.kube().batch().v1().jobs().inNamespace(namespace(context)).withName(HistoryCopyJob.NAME).get();
    }

    private static String namespace(StepContext context) {
        return context.settings().monitoringNamespace();
    }

    static Optional<ServiceRef> prometheus(StepContext context) {
        return TsdbLocator.locate(context.kube()).stream().filter(t -> t.kind() == Tsdb.Kind.PROMETHEUS)
                .map(Tsdb::service).findFirst();
    }

    private static ServiceRef vmsingle(StepContext context) {
        StackNames names = new StackNames(context.settings().vmReleaseName(), context.settings().monitoringNamespace());
        return new ServiceRef(names.namespace(), names.vmsingleService(), StackNames.VMSINGLE_PORT);
    }

    /** When vm-stack was applied: from then on vmagent writes into VictoriaMetrics itself. */
    static Optional<Instant> cutOver(StepContext context) {
        JournalState journal = new MigrationJournal(context.kube(), context.dirs(),
                context.cluster().identity().clusterId()).load();
        StepRecord record = journal.step(VmStackInstallStep.ID, 2);
        return Optional.ofNullable(record.startedAt() != null ? record.startedAt() : record.finishedAt());
    }

    HistoryCopyPlan copyPlan(StepContext context) throws Exception {
        ServiceRef prometheus = prometheus(context).orElseThrow(() -> new StepFailedException(id(),
                "no Prometheus Service was found", null));
        Instant cutOver = cutOver(context).orElseThrow(() -> new StepFailedException(id(),
                "vm-stack has not been applied yet", null));
        Instant oldest = oldestSample(context, prometheus).orElse(cutOver.minus(Duration.ofDays(14)));
        Duration retention = Duration.ofDays(Long.parseLong(context.settings().vmsingleRetention()
                .replaceAll("[^0-9]", "").isEmpty() ? "14" : context.settings().vmsingleRetention()
                .replaceAll("[^0-9]", "")));
        return HistoryCopyPlan.within(url(prometheus), url(vmsingle(context)), oldest, cutOver, retention,
                Instant.now());
    }

    private static String url(ServiceRef service) {
        return "http://" + service.name() + "." + service.namespace() + ".svc:" + service.port();
    }

    private static Optional<Instant> oldestSample(StepContext context, ServiceRef prometheus) {
        try {
            PromApiClient client = new PromApiClient(context.cluster().services().open(prometheus).baseUri(), true);
            List<Series> result = client.query("min(prometheus_tsdb_lowest_timestamp_seconds)", null);
            if (result.isEmpty() || Double.isNaN(result.get(0).value())) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli((long) (result.get(0).value() * 1000)));
        } catch (ServiceUnreachableException | PromApiException e) {
            return Optional.empty();
        }
    }
}
