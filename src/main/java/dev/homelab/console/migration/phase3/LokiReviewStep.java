package dev.homelab.console.migration.phase3;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PodRollout;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.export.ExportsTarget;
import dev.homelab.console.stack.gitops.ReleaseTarget;
import dev.homelab.console.stack.gitops.TargetState;
import dev.homelab.console.stack.loki.LokiExportValues;
import dev.homelab.console.stack.loki.LokiFinding;
import dev.homelab.console.stack.loki.LokiReview;
import dev.homelab.console.stack.loki.LokiReviewReport;
import dev.homelab.console.stack.values.ValuesChange;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Phase 3a: reviews the Loki that stays (chart family, single binary, schema v13, S3 on MinIO, Pi sizing, tenant) and,
 * when a finding has a values fix, upgrades Loki with exactly those changes — same chart version, diff shown first.
 * Undo rolls Loki back to the revision it had before.
 */
public final class LokiReviewStep implements MigrationStep, ExportsTarget {

    public static final String ID = "loki-review";
    static final String PREVIOUS_REVISION = "previousRevision";
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Review Loki (single binary, schema v13, S3 on MinIO) and fix its values";
    }

    @Override
    public int phase() {
        return 3;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        Optional<LokiTarget> target = LokiTarget.find(context);
        if (target.isEmpty()) {
            return List.of(PreflightCheck.blocking("loki-release", "Loki release", "no Helm release of chart 'loki' "
                    + "was found in any namespace", "Install Loki (single binary on MinIO) first; the migration keeps "
                    + "Loki and only replaces the agent that ships logs to it"));
        }
        LokiTarget loki = target.get();
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add(PreflightCheck.ok("loki-release", "Loki release", loki.release().namespace() + "/"
                + loki.release().name() + " " + loki.release().chart() + ": " + loki.details().chartFamilyReason()));
        checks.add(loki.service().isPresent()
                ? PreflightCheck.ok("loki-service", "Loki Service", loki.service().get().toString())
                : PreflightCheck.warning("loki-service", "Loki Service", "no loki-gateway or loki Service found",
                "The review works from the values; /ready cannot be asked"));
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) {
        return LokiTarget.find(context).map(t -> review(context, t).proposedChanges().isEmpty()).orElse(false);
    }

    @Override
    public StepPlan plan(StepContext context) {
        LokiTarget target = LokiTarget.find(context).orElseThrow(() ->
                new IllegalStateException("no Loki release (see preflight)"));
        LokiReviewReport report = review(context, target);
        List<String> notes = new ArrayList<>();
        for (LokiFinding finding : report.findings()) {
            notes.add(finding.severity() + " " + finding.title() + " — " + finding.evidence()
                    + (finding.explanation().isEmpty() ? "" : ". " + finding.explanation()));
        }
        if (report.proposedChanges().isEmpty()) {
            return new StepPlan(ID, "Loki matches the target; nothing to change", List.of(), notes);
        }
        ReleaseRequest request = request(target, report);
        return new StepPlan(ID, "helm upgrade " + target.release().namespace() + "/" + target.release().name()
                + " with " + report.proposedChanges().size() + " values fixes (chart stays " + target.release().chart()
                + ")", List.of(HelmPlans.installOrUpgrade(context, request, String.join("; ",
                report.proposedChanges().stream().map(ValuesChange::reason).toList()))), notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        LokiTarget target = LokiTarget.find(context).orElseThrow(() ->
                new StepFailedException(ID, "Loki disappeared since the plan was made; look at the Overview page", null));
        LokiReviewReport report = review(context, target);
        if (report.proposedChanges().isEmpty()) {
            return;
        }
        context.putOutput(PREVIOUS_REVISION, Integer.toString(target.release().revision()));
        progress.update("helm upgrade " + target.release().name() + " with the reviewed values", -1);
        context.releases().installOrUpgrade(request(target, report), progress);
        new PodRollout(context.kube(), Clock.systemUTC()).awaitReady(ID, target.release().namespace(),
                Map.of("app.kubernetes.io/instance", target.release().name(), "app.kubernetes.io/name", "loki"), 1,
                TIMEOUT, progress);
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        Optional<LokiTarget> found = LokiTarget.find(context);
        if (found.isEmpty()) {
            return List.of(CheckResult.failed("loki-config", "Loki matches the target", "no Loki release is installed",
                    List.of()));
        }
        LokiTarget target = found.get();
        LokiReviewReport report = review(context, target);
        List<Evidence> evidence = report.findings().stream()
                .map(f -> new Evidence(f.id(), f.severity() + ": " + f.title() + " (" + f.evidence() + ")")).toList();
        List<CheckResult> results = new ArrayList<>();
        List<LokiFinding> problems = report.findings().stream()
                .filter(f -> f.severity() == LokiFinding.Severity.PROBLEM).toList();
        results.add(problems.isEmpty()
                ? CheckResult.passed("loki-config", "Loki matches the target", "single binary, schema v13, S3 with "
                + "path-style access, Pi-sized caches (release " + target.release().chart() + " revision "
                + target.release().revision() + ")", evidence)
                : CheckResult.failed("loki-config", "Loki matches the target", problems.size() + " problems: "
                + String.join("; ", problems.stream().map(LokiFinding::title).toList()), evidence));
        results.add(LokiReadiness.check(context, target));
        return results;
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        Optional<String> previous = context.output(ID, PREVIOUS_REVISION);
        Optional<LokiTarget> target = LokiTarget.find(context);
        if (previous.isEmpty() || target.isEmpty()) {
            return;
        }
        HelmRelease release = target.get().release();
        context.releases().rollback(release.namespace(), release.name(), Integer.parseInt(previous.get()), progress);
    }

    @Override
    public String undoDescription() {
        return "Rolls Loki back to the Helm revision it had before the review's upgrade (nothing, if no upgrade ran).";
    }

    private static LokiReviewReport review(StepContext context, LokiTarget target) {
        Optional<String> minio = minioEndpoint(context);
        return LokiReview.review(target.release(), target.details(), minio, Optional.empty());
    }

    /** host:port of a MinIO Service (Phase 1 records the endpoint it checked). */
    private static Optional<String> minioEndpoint(StepContext context) {
        return context.output("minio-buckets", "s3.endpoint")
                .map(e -> e.replaceFirst("^https?://", "").replaceAll("/.*$", ""));
    }

    private static ReleaseRequest request(LokiTarget target, LokiReviewReport report) {
        Map<String, Object> values = ValuesChange.applyAll(target.release().values(), report.proposedChanges());
        return new ReleaseRequest(target.release().name(), target.release().namespace(), target.chartRef(), values,
                false, TIMEOUT);
    }

    /**
     * Loki with the review's fixes, as it is installed after this step; S3 keys written in clear in its values move to
     * a Secret, and every Secret its values take credentials from gets a template.
     */
    @Override
    public Optional<TargetState> target(StepContext context) {
        Optional<LokiTarget> found = LokiTarget.find(context);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LokiTarget target = found.get();
        LokiReviewReport report = review(context, target);
        ReleaseRequest request = request(target, report);
        String namespace = request.namespace();
        LokiExportValues.Exported exported = LokiExportValues.of(request.name(), namespace, request.values(),
                new LokiExportValues.KeyVariables(SecretsProvider.ENVIRONMENT_VARIABLES.get(SecretsProvider.S3_ACCESS_KEY),
                        SecretsProvider.ENVIRONMENT_VARIABLES.get(SecretsProvider.S3_SECRET_KEY)),
                name -> secretKeyNames(context, namespace, name));
        TargetState state = TargetState.ofRelease(new ReleaseTarget(request.name(), namespace, request.chart(),
                exported.values()));
        for (var secret : exported.secrets()) {
            state = state.withSecret(secret);
        }
        for (String note : exported.notes()) {
            state = state.withNote(note);
        }
        return Optional.of(state.withNote("Loki " + namespace + "/" + request.name() + " is your release: its values "
                + "are the installed ones" + (report.proposedChanges().isEmpty() ? ""
                : " with the review's " + report.proposedChanges().size() + " fixes") + " (chart "
                + target.release().chart() + ")."));
    }

    /** The key names (never the values) of a Secret in Loki's namespace. */
    private static Optional<Set<String>> secretKeyNames(StepContext context, String namespace, String name) {
        var secret = context.kube().secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        Set<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return Optional.of(keys);
    }
}
