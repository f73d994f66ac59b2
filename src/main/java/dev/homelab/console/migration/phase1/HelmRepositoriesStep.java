package dev.homelab.console.migration.phase1;

import dev.homelab.console.helm.HelmException;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Phase 1a: adds and updates the Helm repositories the migration needs, in the console's own Helm configuration
 * (nothing changes in the cluster). Updating indexes is always wanted, so the step never counts as done in advance.
 * Verification reads each repository's index and checks that the chart versions the later phases install are there.
 */
public final class HelmRepositoriesStep implements MigrationStep {

    public static final String ID = "helm-repositories";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Add and update the Helm repositories";
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        List<PreflightCheck> checks = new ArrayList<>();
        for (ChartRepository repository : repositories(context)) {
            checks.add(PreflightCheck.ok("repo." + repository.name(), "Repository " + repository.name(),
                    repository.url() + " — needed for " + repository.reason()));
        }
        return checks;
    }

    @Override
    public boolean isDone(StepContext context) {
        return false;
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<PlannedChange> changes = repositories(context).stream()
                .map(r -> PlannedChange.simple(ChangeKind.HELM_REPOSITORY, "HelmRepository", "", r.name(),
                        "helm repo add " + r.name() + " " + r.url() + " && helm repo update " + r.name()
                                + " — for " + r.reason()))
                .toList();
        return new StepPlan(ID, "Adds " + changes.size() + " Helm repositories to the console's own Helm "
                + "configuration and downloads their indexes; nothing changes in the cluster.", changes,
                List.of("Mirror a repository with the setting repo.<name>=URL when this computer cannot reach it."));
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) {
        List<ChartRepository> repositories = repositories(context);
        int done = 0;
        for (ChartRepository repository : repositories) {
            progress.checkCancelled();
            progress.update("helm repo add/update " + repository.name() + " (" + repository.url() + ")",
                    (double) done / repositories.size());
            try {
                context.releases().addOrUpdateRepository(repository.name(), repository.url());
            } catch (HelmException e) {
                throw new StepFailedException(ID, e.getMessage() + ". If this computer cannot reach "
                        + repository.url() + ", mirror the repository and set repo." + repository.name()
                        + "=<mirror URL> (CLI: --repo-url " + repository.name() + "=URL; wizard: Settings).", e);
            }
            context.putOutput("repo." + repository.name(), repository.url().toString());
            progress.log("Repository " + repository.name() + " added and updated");
            done++;
        }
        progress.update("Helm repositories ready", 1);
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        List<CheckResult> results = new ArrayList<>();
        for (ChartRepository repository : repositories(context)) {
            for (Map.Entry<String, String> chart : repository.charts().entrySet()) {
                progress.checkCancelled();
                results.add(verifyChart(context, repository, chart.getKey(), chart.getValue()));
            }
        }
        return results;
    }

    private CheckResult verifyChart(StepContext context, ChartRepository repository, String chart, String version) {
        String id = "repo." + repository.name() + "." + chart;
        String title = repository.name() + "/" + chart + " " + version + " available";
        try {
            List<String> versions = context.releases().chartVersions(repository.name(), chart);
            Evidence evidence = new Evidence("index of Helm repository " + repository.name() + " (" + repository.url()
                    + ")", versions.isEmpty() ? "chart " + chart + " not listed"
                    : versions.size() + " versions of " + chart + ", newest " + versions.get(0));
            if (versions.contains(version)) {
                return CheckResult.passed(id, title, repository.name() + " lists " + chart + " " + version + ".",
                        List.of(evidence));
            }
            return CheckResult.failed(id, title, repository.name() + " does not list " + chart + " " + version
                    + (versions.isEmpty() ? "" : " (newest: " + versions.get(0) + ")")
                    + "; check the repository URL or mirror.", List.of(evidence));
        } catch (HelmException e) {
            return CheckResult.unverified(id, title, e.getMessage(), List.of());
        }
    }

    @Override
    public void undo(StepContext context, Progress progress) {
        progress.log("Helm repositories stay in the console's own Helm configuration; the cluster is unchanged.");
    }

    @Override
    public String undoDescription() {
        return "Nothing to undo in the cluster: the repositories live only in the console's own Helm configuration.";
    }

    private static List<ChartRepository> repositories(StepContext context) {
        return RequiredRepositories.detect(context.releases().list(), context.settings());
    }
}
