package dev.homelab.console.logs;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the severity of a log line: a {@code level}/{@code detected_level} stream label, a JSON {@code level} or
 * {@code severity} field, logfmt {@code level=}, a klog header ({@code E0101 12:00:00.000000}), a bracket tag
 * ({@code [WARN]}) or a bare upper-case level word near the start. Runs on the receiving thread, so it only looks
 * at the first part of long lines and never parses JSON fully.
 */
public final class LevelDetector {

    private static final int HEAD = 200;
    private static final Pattern JSON_FIELD = Pattern.compile(
            "\"(?:level|severity|lvl|log\\.level|loglevel|levelname)\"\\s*:\\s*\"([A-Za-z]+)\"");
    private static final Pattern LOGFMT = Pattern.compile(
            "(?:^|\\s)(?:level|lvl|severity|loglevel)=\"?([A-Za-z]+)");
    private static final Pattern KLOG = Pattern.compile("^([IWEF])\\d{4} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern BRACKET = Pattern.compile(
            "\\[(CRIT(?:ICAL)?|FATAL|PANIC|EMERG|ERR(?:OR)?|WARN(?:ING)?|INFO|NOTICE|DEBUG|TRACE)\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE = Pattern.compile(
            "(?:^|[\\s|:])(CRITICAL|FATAL|PANIC|ERROR|WARNING|WARN|INFO|DEBUG|TRACE)(?=[\\s:|\\]]|$)");
    private static final String[] LABELS = {"level", "detected_level", "severity", "priority_name"};

    private LevelDetector() {
    }

    public static LogLevel detect(Map<String, String> labels, String line) {
        for (String name : LABELS) {
            Optional<LogLevel> fromLabel = LogLevel.parse(labels.get(name));
            if (fromLabel.isPresent()) {
                return fromLabel.get();
            }
        }
        return detect(line);
    }

    public static LogLevel detect(String line) {
        if (line == null || line.isEmpty()) {
            return LogLevel.UNKNOWN;
        }
        String head = line.length() > HEAD ? line.substring(0, HEAD) : line;
        Optional<LogLevel> level;
        if (head.startsWith("{")) {
            level = first(JSON_FIELD, head);
            if (level.isPresent()) {
                return level.get();
            }
        }
        Matcher klog = KLOG.matcher(head);
        if (klog.find()) {
            return LogLevel.parse(klog.group(1)).orElse(LogLevel.UNKNOWN);
        }
        level = first(LOGFMT, head);
        if (level.isEmpty()) {
            level = first(BRACKET, head);
        }
        if (level.isEmpty()) {
            level = first(BARE, head);
        }
        return level.orElse(LogLevel.UNKNOWN);
    }

    private static Optional<LogLevel> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            Optional<LogLevel> level = LogLevel.parse(matcher.group(1));
            if (level.isPresent()) {
                return level;
            }
        }
        return Optional.empty();
    }
}
