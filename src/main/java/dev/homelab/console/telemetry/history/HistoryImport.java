package dev.homelab.console.telemetry.history;

import java.util.List;

/** What a history fill did: from where, which ranges, how many rounds were added, and every line's query. */
public record HistoryImport(String source, String nodeLabel, List<long[]> ranges, int rounds,
                            List<HistoryLine> lines, List<String> problems) {

    public HistoryImport {
        ranges = List.copyOf(ranges);
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }
}
