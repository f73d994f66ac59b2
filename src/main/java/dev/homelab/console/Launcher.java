package dev.homelab.console;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cli.HomelabConsoleCommand;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.ui.shell.ConsoleApp;
import dev.homelab.console.ui.shell.StartupOptions;
import javafx.application.Application;

import java.util.List;

/**
 * Entry point. A plain class (not an Application subclass) so that {@code java -cp ...} works from the classpath.
 * Arguments that name a command run the CLI; anything else (no arguments, {@code --sandbox [file]}) starts the app.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("--sandbox") && HomelabConsoleCommand.isCommand(args)) {
            System.exit(HomelabConsoleCommand.execute(args));
        }
        StartupOptions options = null;
        try {
            options = StartupOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(ExitCodes.USAGE);
        }
        ConsoleApp.preload(AppDirs.fromEnvironment(), options);
        Application.launch(ConsoleApp.class, args);
        // Connections and simulated servers may leave non-daemon threads behind; the window is closed, so leave.
        System.exit(0);
    }
}
