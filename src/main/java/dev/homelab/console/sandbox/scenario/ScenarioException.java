package dev.homelab.console.sandbox.scenario;

/** A scenario file that cannot be used; the message names the file, the line and column, and what is wrong. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
