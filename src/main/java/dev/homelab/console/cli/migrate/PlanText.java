package dev.homelab.console.cli.migrate;

import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.verify.CheckResult;

import java.io.PrintStream;
import java.util.List;

/** Plain-text rendering of preflight checks, plans with their diffs, runs and journal records. */
final class PlanText {

    private PlanText() {
    }

    static void printStep(StepReport report, PrintStream out) {
        out.println("Phase " + report.phase() + " · " + report.stepId() + " — " + report.title() + " ["
                + report.state() + "]");
        printPreflight(report.preflight(), out);
        if (report.plan() != null) {
            printPlan(report.plan(), out);
        } else if (report.planError() != null) {
            out.println("  cannot plan: " + report.planError());
        } else {
            out.println("  no plan: a blocking preflight check must be fixed first");
        }
        out.println();
    }

    static void printPreflight(List<PreflightCheck> checks, PrintStream out) {
        out.println("  preflight:");
        for (PreflightCheck check : checks) {
            String mark = switch (check.severity()) {
                case OK -> "ok     ";
                case WARNING -> "WARNING";
                case BLOCKING -> "BLOCKED";
            };
            out.println("    " + mark + " " + check.title() + ": " + check.reason()
                    + (check.fix().isEmpty() ? "" : " — fix: " + check.fix()));
        }
    }

    static void printPlan(StepPlan plan, PrintStream out) {
        out.println("  plan: " + plan.summary());
        if (plan.isEmpty()) {
            out.println("    (nothing to change)");
        }
        for (PlannedChange change : plan.changes()) {
            out.println("    * " + change.headline());
            out.println("      " + change.description());
            for (String line : change.diff()) {
                out.println("      " + line);
            }
        }
        plan.notes().forEach(note -> out.println("    note: " + note));
    }

    static void printRun(StepRun run, PrintStream out) {
        out.println(run.stepId() + ": " + switch (run.outcome()) {
            case APPLIED -> "applied";
            case ALREADY_DONE -> "already done (not applied again)";
            case BLOCKED -> "BLOCKED — " + run.error();
            case FAILED -> "FAILED — " + run.error();
        });
        printChecks(run.verification(), out);
    }

    static void printChecks(List<CheckResult> checks, PrintStream out) {
        for (CheckResult check : checks) {
            out.println("  " + check.verdict() + " " + check.title() + ": " + check.summary());
            check.evidence().forEach(e -> out.println("      " + e.source() + " → " + e.observation()));
        }
    }

    static void printRecord(String title, StepRecord record, PrintStream out) {
        out.println("  " + record.stepId() + " — " + title + ": " + record.state().label()
                + (record.updatedAt() == null ? "" : " (" + record.updatedAt() + (record.by() == null ? ""
                : ", " + record.by()) + ")"));
        if (record.lastError() != null) {
            out.println("      last error: " + record.lastError());
        }
        record.evidence().forEach(line -> out.println("      " + line));
    }
}
