package dev.homelab.console.migration;

/**
 * One read-only check before a step runs. A BLOCKING check stops apply; a WARNING is shown and confirmed.
 * {@code reason} says what was found, {@code fix} what the user can do (empty when OK).
 */
public record PreflightCheck(String id, String title, Severity severity, String reason, String fix) {

    public enum Severity {
        OK,
        WARNING,
        BLOCKING
    }

    public PreflightCheck {
        reason = reason == null ? "" : reason;
        fix = fix == null ? "" : fix;
    }

    public static PreflightCheck ok(String id, String title, String reason) {
        return new PreflightCheck(id, title, Severity.OK, reason, "");
    }

    public static PreflightCheck warning(String id, String title, String reason, String fix) {
        return new PreflightCheck(id, title, Severity.WARNING, reason, fix);
    }

    public static PreflightCheck blocking(String id, String title, String reason, String fix) {
        return new PreflightCheck(id, title, Severity.BLOCKING, reason, fix);
    }

    public boolean blocks() {
        return severity == Severity.BLOCKING;
    }
}
