package dev.homelab.console.verify.now;

import dev.homelab.console.logs.LogEntry;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.QueryResult;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** "Logs arrive": Loki returns recent lines for {@code {namespace="kube-system"}}. */
public final class LokiKubeSystemCheck {

    public static final String ID = "loki-kube-system";
    public static final String TITLE = "Loki has recent logs of {namespace=\"kube-system\"}";
    static final String QUERY = "{namespace=\"kube-system\"}";
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final LokiClient loki;
    private final Clock clock;

    public LokiKubeSystemCheck(LokiClient loki, Clock clock) {
        this.loki = loki;
        this.clock = clock;
    }

    public CheckResult run() {
        Instant now = clock.instant();
        LogQuery query = LogQuery.lastPeriod(QUERY, WINDOW, 100, LogQuery.Direction.BACKWARD, now);
        String source = "Loki query_range " + QUERY + " over the last " + WINDOW.toMinutes() + " min";
        try {
            QueryResult result = loki.queryRange(query);
            List<LogEntry> entries = result.entries();
            if (entries.isEmpty()) {
                return CheckResult.failed(ID, TITLE, "Loki holds no line from kube-system in the last "
                        + WINDOW.toMinutes() + " min: the log agent is not shipping (check Vector's pods and its Loki "
                        + "sink)", List.of(new Evidence(source, "0 lines")));
            }
            long newest = entries.stream().mapToLong(LogEntry::timestampNanos).max().orElse(0);
            Instant newestAt = Instant.ofEpochSecond(0, newest);
            long streams = entries.stream().map(LogEntry::labels).distinct().count();
            return CheckResult.passed(ID, TITLE, entries.size() + (result.limitReached() ? "+" : "")
                    + " lines from " + streams + " streams; newest " + Duration.between(newestAt, now).toSeconds()
                    + " s ago", List.of(new Evidence(source, entries.size() + " lines, newest at " + newestAt)));
        } catch (LokiException e) {
            return CheckResult.unverified(ID, TITLE, "Loki did not answer: " + e.getMessage(), List.of());
        }
    }
}
