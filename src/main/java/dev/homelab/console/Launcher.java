package dev.homelab.console;

import dev.homelab.console.cli.HomelabConsoleCommand;

/**
 * Entry point. A plain class (not an Application subclass) so that {@code java -cp ...} works from the classpath.
 * Arguments that name a command run the CLI; anything else (no arguments, {@code --sandbox [file]}) starts the app.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (HomelabConsoleCommand.isCommand(args)) {
            System.exit(HomelabConsoleCommand.execute(args));
        }
        // The desktop app is started here by the UI shell (ui.shell.ConsoleApp), added by the foundation work.
        System.err.println("The desktop app is not built yet; use a command (--help).");
        System.exit(2);
    }
}
