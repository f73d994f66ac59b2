package dev.homelab.console.cli;

import dev.homelab.console.cli.migrate.MigrateApplyCommand;
import dev.homelab.console.cli.migrate.MigrateCommand;
import dev.homelab.console.cli.migrate.MigratePlanCommand;
import dev.homelab.console.cli.migrate.MigrateUndoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code homelab-console <command>}: the same engine as the desktop app. Each capability adds its command class
 * to {@code subcommands} (one line) and nothing else here.
 */
@Command(name = "homelab-console", mixinStandardHelpOptions = true, version = "Homelab Console 0.1.0",
        description = "Migrates a k3s home lab's monitoring to VictoriaMetrics + Vector, safely and visibly.%n"
                + "Without a command, the desktop app starts.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ContextsCommand.class,
                StatusCommand.class,
                MigrateCommand.class,
                MigratePlanCommand.class,
                MigrateApplyCommand.class,
                MigrateUndoCommand.class,
                BaselineCommand.class,
                CompareCommand.class,
                LogsCommand.class,
                RebootTestCommand.class,
                VerifyCommand.class,
                SandboxServeCommand.class,
        },
        footer = {"", "Exit codes: 0 ok, 1 check failed or blocked, 2 usage error, 3 cannot connect,",
                "4 not permitted, 5 operation failed. A one-line reason goes to stderr."})
public final class HomelabConsoleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** True when the arguments name a command (so the desktop app must not start). */
    public static boolean isCommand(String[] args) {
        if (args.length == 0) {
            return false;
        }
        CommandLine line = new CommandLine(new HomelabConsoleCommand());
        String first = args[0];
        return line.getSubcommands().containsKey(first) || first.equals("--help") || first.equals("-h")
                || first.equals("--version") || first.equals("-V");
    }

    public static int execute(String[] args) {
        return new CommandLine(new HomelabConsoleCommand()).execute(args);
    }
}
