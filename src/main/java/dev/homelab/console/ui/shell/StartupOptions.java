package dev.homelab.console.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the desktop app was started: plainly (the connect screen), or {@code --sandbox [scenario.yaml]} to go straight
 * into the simulated home lab.
 */
public record StartupOptions(boolean sandbox, Optional<Path> scenario) {

    public static final StartupOptions PLAIN = new StartupOptions(false, Optional.empty());

    /** @throws IllegalArgumentException with a message for the user when the arguments make no sense */
    public static StartupOptions parse(List<String> args) {
        if (args.isEmpty()) {
            return PLAIN;
        }
        if (!args.get(0).equals("--sandbox") || args.size() > 2) {
            throw new IllegalArgumentException("Unknown arguments " + String.join(" ", args)
                    + ". Start with no arguments, with --sandbox [scenario.yaml], or with a command (--help).");
        }
        if (args.size() == 1) {
            return new StartupOptions(true, Optional.empty());
        }
        Path scenario = Path.of(args.get(1));
        if (!Files.isRegularFile(scenario)) {
            throw new IllegalArgumentException("Scenario file " + scenario.toAbsolutePath()
                    + " does not exist. Give a scenario YAML file, or --sandbox alone for the default home lab.");
        }
        return new StartupOptions(true, Optional.of(scenario));
    }
}
