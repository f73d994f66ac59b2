package dev.homelab.console.logs;

import java.util.List;

/**
 * The lines of a range query in the order asked for (newest first for BACKWARD), merged across streams.
 * {@code limitReached} says there may be more lines in the window than were returned.
 */
public record QueryResult(LogQuery query, List<LogEntry> entries, boolean limitReached, long bytesProcessed) {
}
