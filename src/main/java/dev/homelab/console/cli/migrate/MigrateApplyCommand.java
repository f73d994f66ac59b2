package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliFailure;
import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.cli.OutputFormat;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.FailureCleanup;
import dev.homelab.console.migration.LockHeldException;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.task.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code migrate apply --phase N [--phase M …] | --all | --step ID [--yes]}: per phase, in order, shows the plan, asks
 * for confirmation on the terminal (or takes --yes), applies step by step and verifies; stops at the first blocked or
 * failed step and on a failure cleans up as chosen. A later phase is planned only when it is reached, because its
 * plan depends on what the earlier phases installed. Exit 0 when every step applied and
 * verified green, 1 when blocked or a verification is not green, 5 when a step failed.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a phase (or one step of it) after showing its plan and asking for confirmation.")
public final class MigrateApplyCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();
    @Mixin
    MigrationOptions migrationOptions = new MigrationOptions();

    @Option(names = "--phase", paramLabel = "N", description = "a phase to apply (repeatable; run in order)")
    List<Integer> phases = new ArrayList<>();

    @Option(names = "--all", description = "every phase, 1 to 5, in order")
    boolean all;

    @Option(names = "--step", paramLabel = "ID", description = "only this step")
    String step;

    @Option(names = "--yes", description = "do not ask for confirmation (review `migrate plan` first)")
    boolean yes;

    @Option(names = "--on-failure", paramLabel = "ACTION",
            description = "after a failed step: ROLLBACK (default without a terminal), UNINSTALL or KEEP; "
                    + "asked on a terminal when not given")
    FailureCleanup onFailure;

    @Option(names = "--report", paramLabel = "FILE",
            description = "afterwards (also after a failure) write the migration report as HTML to FILE")
    java.nio.file.Path report;

    /** JSON shape of {@code migrate apply --output json}. */
    record ApplyReport(List<StepReport> plans, List<StepRun> runs, String cleanup) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            if (phases.isEmpty() && step == null && !all) {
                throw new CliFailure(ExitCodes.USAGE, "Say what to apply: --phase N (repeatable), --all or --step ID");
            }
            if (step != null && (all || !phases.isEmpty())) {
                throw new CliFailure(ExitCodes.USAGE, "--step cannot be combined with --phase or --all");
            }
            try (MigrateSession session = MigrateSession.open(options, migrationOptions)) {
                try {
                    return apply(session);
                } finally {
                    if (report != null) {
                        System.err.println("Migration report: " + MigrateReportCommand.write(session.engine, report));
                    }
                }
            } catch (LockHeldException e) {
                throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage());
            }
        });
    }

    private int apply(MigrateSession session) {
        MigrationEngine engine = session.engine;
        List<List<MigrationStep>> batches = new ArrayList<>();
        try {
            if (step != null) {
                batches.add(StepReport.select(engine, null, step));
            } else {
                for (int number : selectedPhases(engine)) {
                    batches.add(StepReport.select(engine, number, null));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
        boolean json = options.output == OutputFormat.json;
        List<StepReport> plans = new ArrayList<>();
        List<StepRun> runs = new ArrayList<>();
        String cleanup = null;
        for (List<MigrationStep> batch : batches) {
            cleanup = applyBatch(session, batch, json, plans, runs);
            StepRun last = runs.get(runs.size() - 1);
            if (last.outcome() == StepRun.Outcome.FAILED || last.outcome() == StepRun.Outcome.BLOCKED) {
                break;
            }
        }
        if (json) {
            CliSupport.printJson(new ApplyReport(plans, runs, cleanup));
        }
        StepRun last = runs.get(runs.size() - 1);
        if (last.outcome() == StepRun.Outcome.FAILED) {
            throw new CliFailure(ExitCodes.OPERATION_FAILED, last.stepId() + " failed: " + last.error()
                    + (cleanup == null ? "" : " (" + cleanup + ")"));
        }
        if (last.outcome() == StepRun.Outcome.BLOCKED) {
            throw new CliFailure(ExitCodes.CHECK_FAILED, last.stepId() + " is blocked: " + last.error());
        }
        if (runs.stream().anyMatch(r -> !r.verifiedGreen())) {
            throw new CliFailure(ExitCodes.CHECK_FAILED, "applied, but not every verification is green");
        }
        return ExitCodes.OK;
    }

    private List<Integer> selectedPhases(MigrationEngine engine) {
        if (all) {
            return engine.migration().phases().stream().map(p -> p.number()).sorted().toList();
        }
        return phases.stream().distinct().sorted().toList();
    }

    /** Plans, confirms and applies the steps of one phase; returns the failure clean-up done, if any. */
    private String applyBatch(MigrateSession session, List<MigrationStep> steps, boolean json,
                              List<StepReport> allPlans, List<StepRun> runs) {
        MigrationEngine engine = session.engine;
        PrintStream planOut = json ? System.err : System.out;
        List<StepReport> plans = new ArrayList<>();
        for (MigrationStep selected : steps) {
            plans.add(StepReport.of(engine, selected));
        }
        allPlans.addAll(plans);
        plans.forEach(report -> PlanText.printStep(report, planOut));
        if (!yes) {
            Confirmation.require("Apply " + steps.size() + " step(s) of phase " + steps.get(0).phase() + " to "
                    + engine.console().cluster().identity().contextName() + "?");
        }
        for (int i = 0; i < steps.size(); i++) {
            MigrationStep current = steps.get(i);
            StepPlan approved = i == 0 ? plans.get(0).plan() : replanAndConfirm(engine, current, plans.get(i));
            StepRun run = engine.apply(current.id(), approved, session.progress);
            runs.add(run);
            if (!json) {
                PlanText.printRun(run, System.out);
            }
            if (run.outcome() == StepRun.Outcome.FAILED) {
                return cleanUp(engine, run, session.progress);
            }
            if (run.outcome() == StepRun.Outcome.BLOCKED) {
                return null;
            }
        }
        return null;
    }

    /** A later step is planned again right before it runs; a plan that changed since it was shown is confirmed again. */
    private StepPlan replanAndConfirm(MigrationEngine engine, MigrationStep current, StepReport shown) {
        StepPlan fresh;
        try {
            fresh = engine.plan(current.id());
        } catch (StepFailedException e) {
            return null;
        }
        if (!yes && (shown.plan() == null || !shown.plan().changes().equals(fresh.changes()))) {
            System.out.println("The plan of " + current.id() + " changed after the previous steps:");
            PlanText.printPlan(fresh, System.out);
            Confirmation.require("Apply " + current.id() + " with this plan?");
        }
        return fresh;
    }

    private String cleanUp(MigrationEngine engine, StepRun run, Progress progress) {
        boolean helm = run.plan() != null && run.plan().changes().stream()
                .anyMatch(c -> c.kind() == ChangeKind.HELM_INSTALL || c.kind() == ChangeKind.HELM_UPGRADE);
        FailureCleanup choice = onFailure;
        if (choice == null) {
            char answer = Confirmation.choose(run.stepId() + " failed. Roll back its Helm releases (r), run its undo "
                    + "(u) or keep everything for inspection (k)?", "ruk", helm ? 'r' : 'k');
            choice = answer == 'r' ? FailureCleanup.ROLLBACK : answer == 'u' ? FailureCleanup.UNINSTALL
                    : FailureCleanup.KEEP;
        }
        if (choice == FailureCleanup.KEEP) {
            return "kept for inspection; undo later with migrate undo --step " + run.stepId();
        }
        try {
            engine.cleanUpFailure(run.stepId(), choice, progress);
        } catch (RuntimeException e) {
            return "clean-up " + choice + " failed too: " + e.getMessage();
        }
        return choice == FailureCleanup.ROLLBACK ? "rolled back" : "undone";
    }
}
