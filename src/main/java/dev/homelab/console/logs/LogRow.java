package dev.homelab.console.logs;

/** A row of the log view: a line and how many identical consecutive lines it stands for. */
public record LogRow(LogEntry entry, int repeats) {

    public static LogRow of(LogEntry entry) {
        return new LogRow(entry, 1);
    }

    /** The row after one more identical line arrived: it shows the newest timestamp. */
    LogRow repeatedBy(LogEntry newer) {
        return new LogRow(newer, repeats + 1);
    }
}
