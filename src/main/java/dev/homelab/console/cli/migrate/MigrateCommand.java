package dev.homelab.console.cli.migrate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code migrate plan|apply|status|undo|report|export}: the migration wizard's engine on the command line. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Plan, apply, inspect and undo the migration phases and steps.",
        subcommands = {MigratePlanCommand.class, MigrateApplyCommand.class, MigrateStatusCommand.class,
                MigrateUndoCommand.class, MigrateReportCommand.class, MigrateExportCommand.class})
public final class MigrateCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
