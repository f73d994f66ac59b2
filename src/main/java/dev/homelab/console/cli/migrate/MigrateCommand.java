package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code migrate plan|apply|status|undo|report|export}: the migration wizard's engine on the command line. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Plan, apply, inspect and undo the migration phases and steps.",
        subcommands = {MigratePlanCommand.class, MigrateApplyCommand.class, MigrateStatusCommand.class,
                MigrateUndoCommand.class, MigrateReportCommand.class, MigrateExportCommand.class})
public final class MigrateCommand extends ParentCommand {
}
