package dev.homelab.console.reboot.verdict;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Verdicts on the logs pipeline: Loki's per-node line counts per minute, and Vector's buffer. */
public final class LogsClaims {

    private LogsClaims() {
    }

    /** What Loki said, or why it could not be asked. */
    public record LineCounts(String query, Map<String, SortedMap<Instant, Long>> perNode, String journaldQuery,
                             SortedMap<Instant, Long> journald, String unavailableBecause) {
    }

    /** What VictoriaMetrics said about Vector's buffer, or why it could not. */
    public record VectorBuffer(String sizeQuery, double before, double peak, double after, String discardedQuery,
                               double discarded, String unavailableBecause) {
    }

    public static CheckResult complete(LineCounts counts, String rebootedNode, Instant requested, Instant nodeBack,
                                       Instant end) {
        Claim claim = Claim.LOGS_COMPLETE;
        List<Evidence> evidence = new ArrayList<>();
        if (counts.unavailableBecause() != null) {
            return CheckResult.unverified(claim.id(), claim.title(), counts.unavailableBecause(), evidence);
        }
        evidence.add(new Evidence("Loki " + counts.query(), counts.perNode().size() + " nodes with log lines"));
        List<String> silentMinutes = new ArrayList<>();
        int otherNodes = 0;
        for (var entry : counts.perNode().entrySet()) {
            String node = entry.getKey();
            SortedMap<Instant, Long> buckets = entry.getValue();
            long before = sum(buckets.headMap(requested));
            long during = nodeBack == null ? sum(buckets.tailMap(requested)) : sum(buckets.subMap(requested, nodeBack));
            long after = nodeBack == null ? 0 : sum(buckets.tailMap(nodeBack));
            evidence.add(new Evidence("lines from " + (node.isEmpty() ? "(no node label)" : node),
                    before + " before the reboot, " + during + " while the node was away, " + after + " after"));
            if (node.equals(rebootedNode) || before == 0) {
                continue;
            }
            otherNodes++;
            // points on the query's minute grid; each counts the minute before it
            for (Instant minute = requested.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60); !minute.isAfter(end);
                 minute = minute.plusSeconds(60)) {
                Long lines = buckets.get(minute);
                if (lines == null || lines == 0) {
                    silentMinutes.add(node + " " + minute);
                }
            }
        }
        if (counts.journald() != null) {
            evidence.add(new Evidence("Loki " + counts.journaldQuery(), "journald lines of " + rebootedNode + ": "
                    + sum(counts.journald().headMap(requested)) + " before the boot, "
                    + (nodeBack == null ? 0 : sum(counts.journald().tailMap(nodeBack))) + " after"));
        }
        if (!silentMinutes.isEmpty()) {
            return CheckResult.failed(claim.id(), claim.title(), "minutes with no log line from nodes that were up: "
                    + String.join(", ", silentMinutes.subList(0, Math.min(8, silentMinutes.size())))
                    + (silentMinutes.size() > 8 ? " …" : ""), evidence);
        }
        SortedMap<Instant, Long> own = counts.perNode().get(rebootedNode);
        if (nodeBack != null && (own == null || sum(own.tailMap(nodeBack)) == 0)) {
            return CheckResult.failed(claim.id(), claim.title(), "no log line from " + rebootedNode
                    + " since it came back: its log agent did not resume", evidence);
        }
        if (otherNodes == 0) {
            return CheckResult.unverified(claim.id(), claim.title(), "no other node had log lines before the reboot,"
                    + " so continuity could not be judged", evidence);
        }
        return CheckResult.passed(claim.id(), claim.title(), "every minute of the window has lines from the "
                + otherNodes + " other node(s), and " + rebootedNode + " logs again since it came back", evidence);
    }

    public static CheckResult buffered(VectorBuffer buffer, String notExercisedBecause) {
        Claim claim = Claim.LOGS_BUFFERED;
        List<Evidence> evidence = new ArrayList<>();
        if (buffer.unavailableBecause() != null) {
            return CheckResult.unverified(claim.id(), claim.title(), buffer.unavailableBecause(), evidence);
        }
        evidence.add(new Evidence("VictoriaMetrics " + buffer.sizeQuery(), "before "
                + MetricsClaims.bytes(buffer.before()) + ", peak " + MetricsClaims.bytes(buffer.peak()) + ", after "
                + MetricsClaims.bytes(buffer.after())));
        evidence.add(new Evidence("VictoriaMetrics " + buffer.discardedQuery(),
                MetricsClaims.number(buffer.discarded()) + " events discarded"));
        if (buffer.discarded() > 0) {
            return CheckResult.failed(claim.id(), claim.title(), "Vector discarded " + MetricsClaims.number(
                    buffer.discarded()) + " events from its buffer", evidence);
        }
        if (notExercisedBecause != null) {
            return CheckResult.unverified(claim.id(), claim.title(), notExercisedBecause, evidence);
        }
        if (!(buffer.peak() > buffer.before())) {
            return CheckResult.failed(claim.id(), claim.title(), "Vector's buffer did not grow while Loki was away",
                    evidence);
        }
        if (buffer.after() > Math.max(buffer.before() * 2, 1024 * 1024)) {
            return CheckResult.failed(claim.id(), claim.title(), "Vector's buffer has not drained (still "
                    + MetricsClaims.bytes(buffer.after()) + ")", evidence);
        }
        return CheckResult.passed(claim.id(), claim.title(), "Vector buffered up to "
                + MetricsClaims.bytes(buffer.peak()) + " while Loki was away and drained; nothing discarded", evidence);
    }

    private static long sum(SortedMap<Instant, Long> buckets) {
        return buckets.values().stream().mapToLong(Long::longValue).sum();
    }
}
