package dev.homelab.console.logs;

import dev.homelab.console.util.Json;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lines as text ({@code <RFC 3339 ns timestamp> <labels> <line>}) or JSON lines (one object per line with timestamp,
 * nanoseconds, labels, level, line, source) — for copy, download and the CLI alike.
 */
public final class LogExport {

    public enum Format { TEXT, JSON_LINES }

    private LogExport() {
    }

    public static String text(LogEntry entry) {
        return entry.timestamp() + " " + entry.labels().selector() + " " + entry.line();
    }

    public static String text(LogRow row) {
        String text = text(row.entry());
        return row.repeats() > 1 ? text + " (×" + row.repeats() + ")" : text;
    }

    public static String jsonLine(LogEntry entry) {
        return Json.JSON.writeValueAsString(jsonNode(entry, 1));
    }

    public static String jsonLine(LogRow row) {
        return Json.JSON.writeValueAsString(jsonNode(row.entry(), row.repeats()));
    }

    public static String format(LogRow row, Format format) {
        return format == Format.TEXT ? text(row) : jsonLine(row);
    }

    public static String join(List<LogRow> rows, Format format) {
        StringBuilder out = new StringBuilder();
        for (LogRow row : rows) {
            out.append(format(row, format)).append('\n');
        }
        return out.toString();
    }

    public static void write(List<LogRow> rows, Format format, Path file) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LogRow row : rows) {
                writer.write(format(row, format));
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the lines to " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode jsonNode(LogEntry entry, int repeats) {
        ObjectNode node = Json.JSON.createObjectNode();
        node.put("timestamp", entry.timestamp().toString());
        node.put("ns", Long.toString(entry.timestampNanos()));
        ObjectNode labels = node.putObject("labels");
        entry.labels().asMap().forEach(labels::put);
        node.put("level", entry.level().name().toLowerCase(java.util.Locale.ROOT));
        node.put("line", entry.line());
        if (repeats > 1) {
            node.put("repeats", repeats);
        }
        if (entry.source() != LogEntry.Source.LOKI) {
            node.put("source", "kubernetes-api");
        }
        return node;
    }

    /** The line re-indented when it is a JSON object, otherwise the line unchanged. */
    public static String prettyJson(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return line;
        }
        try {
            return Json.PRETTY.writeValueAsString(Json.JSON.readTree(trimmed));
        } catch (RuntimeException notJson) {
            return line;
        }
    }
}
