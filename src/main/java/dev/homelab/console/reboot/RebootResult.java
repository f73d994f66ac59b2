package dev.homelab.console.reboot;

import dev.homelab.console.reboot.buffers.BufferSnapshot;
import dev.homelab.console.reboot.gaps.GapReport;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;

import java.time.Instant;
import java.util.List;

/**
 * Everything one reboot test observed and concluded; persisted (no secrets) as the "last reboot test" for Verify now,
 * and rendered as the HTML report.
 */
public record RebootResult(String node, String clusterName, Instant startedAt, Instant finishedAt, List<String> meaning,
                           List<TimelineEvent> timeline, List<BufferSnapshot> buffer, GapReport gaps,
                           List<CheckResult> claims, String reportFile) {

    public RebootResult {
        meaning = List.copyOf(meaning);
        timeline = List.copyOf(timeline);
        buffer = List.copyOf(buffer);
        claims = List.copyOf(claims);
    }

    /** Red if any claim failed; green only if every claim passed; otherwise unverified. */
    public Verdict overall() {
        if (claims.stream().anyMatch(c -> c.verdict() == Verdict.FAILED)) {
            return Verdict.FAILED;
        }
        return claims.stream().allMatch(CheckResult::passed) && !claims.isEmpty() ? Verdict.PASSED : Verdict.UNVERIFIED;
    }

    public RebootResult withReportFile(String file) {
        return new RebootResult(node, clusterName, startedAt, finishedAt, meaning, timeline, buffer, gaps, claims, file);
    }
}
