package dev.homelab.console.logs;

import java.util.Locale;
import java.util.Optional;

/** Severity of a log line as the console colours and filters it; UNKNOWN when nothing in the line says. */
public enum LogLevel {
    CRITICAL, ERROR, WARNING, INFO, DEBUG, TRACE, UNKNOWN;

    /** Maps the spellings seen in the wild ("err", "WARN", "fatal", "notice", "dbug"...) to a level. */
    public static Optional<LogLevel> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (text.toLowerCase(Locale.ROOT)) {
            case "crit", "critical", "fatal", "panic", "emerg", "emergency", "alert", "f" -> CRITICAL;
            case "err", "error", "eror", "e" -> ERROR;
            case "warn", "warning", "w" -> WARNING;
            case "info", "information", "informational", "notice", "i" -> INFO;
            case "debug", "dbug", "d" -> DEBUG;
            case "trace", "trce", "t" -> TRACE;
            default -> null;
        });
    }

    public String shortName() {
        return switch (this) {
            case CRITICAL -> "CRIT";
            case ERROR -> "ERROR";
            case WARNING -> "WARN";
            case INFO -> "INFO";
            case DEBUG -> "DEBUG";
            case TRACE -> "TRACE";
            case UNKNOWN -> "";
        };
    }
}
