package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliFailure;
import dev.homelab.console.cli.ExitCodes;

import java.io.Console;
import java.util.Locale;

/** Asks the user on the terminal; refuses when there is none (a script must pass --yes after reviewing the plan). */
final class Confirmation {

    private Confirmation() {
    }

    static void require(String question) {
        Console console = System.console();
        if (console == null) {
            throw new CliFailure(ExitCodes.USAGE, "Refusing to change the cluster without confirmation: stdin is not "
                    + "a terminal. Review the plan (migrate plan) and re-run with --yes.");
        }
        String answer = console.readLine("%s [yes/no] ", question);
        if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).matches("y|yes")) {
            throw new CliFailure(ExitCodes.OPERATION_FAILED, "Not confirmed; nothing was changed.");
        }
    }

    /** One of the choices' first letters, or {@code fallback} without a terminal. */
    static char choose(String question, String letters, char fallback) {
        Console console = System.console();
        if (console == null) {
            return fallback;
        }
        while (true) {
            String answer = console.readLine("%s ", question);
            if (answer == null) {
                return fallback;
            }
            String trimmed = answer.trim().toLowerCase(Locale.ROOT);
            if (!trimmed.isEmpty() && letters.indexOf(trimmed.charAt(0)) >= 0) {
                return trimmed.charAt(0);
            }
        }
    }
}
