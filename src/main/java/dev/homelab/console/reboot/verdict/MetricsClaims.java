package dev.homelab.console.reboot.verdict;

import dev.homelab.console.reboot.buffers.BufferHistory;
import dev.homelab.console.reboot.buffers.BufferSnapshot;
import dev.homelab.console.reboot.gaps.Gap;
import dev.homelab.console.reboot.gaps.GapReport;
import dev.homelab.console.reboot.gaps.TargetGaps;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Verdicts on the metrics pipeline around an outage: vmagent's queue and the raw samples in VictoriaMetrics. */
public final class MetricsClaims {

    private MetricsClaims() {
    }

    /**
     * @param notExercisedBecause null when the storage really was away while vmagent ran; otherwise why buffering
     *                            could not be exercised by this test (the claim then stays unverified unless data
     *                            was dropped, which fails it regardless)
     */
    public static CheckResult buffered(BufferHistory history, Instant outageStart, Instant outageEnd,
                                       String notExercisedBecause) {
        Claim claim = Claim.METRICS_BUFFERED;
        List<Evidence> evidence = new ArrayList<>();
        if (history.isEmpty()) {
            return CheckResult.unverified(claim.id(), claim.title(),
                    "vmagent's /metrics could not be read during the test (see the log), so its queue was never seen",
                    evidence);
        }
        BufferSnapshot first = history.first().orElseThrow();
        BufferSnapshot last = history.last().orElseThrow();
        double peak = history.peakPending(outageStart, outageEnd.plusSeconds(60));
        double dropped = history.droppedDuring();
        evidence.add(new Evidence("vmagent /metrics " + BufferSnapshot.PENDING,
                "before " + bytes(first.pendingBytes()) + ", peak during the outage " + bytes(peak) + ", after "
                        + bytes(last.pendingBytes()) + " (" + history.snapshots().size() + " readings)"));
        evidence.add(new Evidence("vmagent /metrics " + BufferSnapshot.QUEUE_DROPPED + " + "
                + BufferSnapshot.PACKETS_DROPPED + " + " + BufferSnapshot.SAMPLES_DROPPED,
                "grew by " + number(dropped) + " during the test"));
        if (dropped > 0) {
            return CheckResult.failed(claim.id(), claim.title(), "vmagent dropped data during the outage ("
                    + number(dropped) + " by its drop counters): the buffer was too small or rejected data", evidence);
        }
        if (notExercisedBecause != null) {
            return CheckResult.unverified(claim.id(), claim.title(), notExercisedBecause, evidence);
        }
        if (Double.isNaN(peak)) {
            return CheckResult.unverified(claim.id(), claim.title(),
                    "vmagent exposed no " + BufferSnapshot.PENDING + " during the outage", evidence);
        }
        double baseline = Double.isNaN(first.pendingBytes()) ? 0 : first.pendingBytes();
        if (peak <= baseline) {
            return CheckResult.failed(claim.id(), claim.title(), "vmagent's queue did not grow while the storage was "
                    + "away (peak " + bytes(peak) + ", before " + bytes(baseline) + "): samples were not buffered",
                    evidence);
        }
        if (!BufferHistory.drained(last.pendingBytes(), baseline, peak)) {
            return CheckResult.failed(claim.id(), claim.title(), "vmagent's queue rose to " + bytes(peak)
                    + " but has not drained (still " + bytes(last.pendingBytes()) + ")", evidence);
        }
        return CheckResult.passed(claim.id(), claim.title(), "vmagent queued up to " + bytes(peak)
                + " while the storage was away and drained back to " + bytes(last.pendingBytes())
                + "; nothing dropped", evidence);
    }

    public static CheckResult complete(GapReport report) {
        Claim claim = Claim.METRICS_COMPLETE;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence("VictoriaMetrics /api/v1/export?match[]=" + report.query() + " (raw samples)",
                report.targets().size() + " targets from " + report.start() + " to " + report.end()));
        if (report.targets().isEmpty()) {
            return CheckResult.unverified(claim.id(), claim.title(),
                    "VictoriaMetrics returned no raw samples for " + report.query() + " in the window", evidence);
        }
        for (TargetGaps own : report.rebootedNodeTargets()) {
            evidence.add(new Evidence("expected gap on " + report.rebootedNode(), own.name() + ": "
                    + describe(own)));
        }
        List<TargetGaps> broken = report.otherTargetsWithGaps();
        for (TargetGaps target : broken) {
            evidence.add(new Evidence("gap on " + (target.node().isEmpty() ? "an unattributed target" : target.node()),
                    target.name() + ": " + describe(target)));
        }
        int others = report.otherTargets().size();
        if (others == 0) {
            return CheckResult.unverified(claim.id(), claim.title(), "every target with samples belongs to the "
                    + "rebooted node " + report.rebootedNode() + ", so no other node's completeness could be checked",
                    evidence);
        }
        if (!broken.isEmpty()) {
            return CheckResult.failed(claim.id(), claim.title(), report.gapCountOnOtherNodes()
                    + " gap(s) on " + broken.size() + " of " + others + " targets on other nodes: samples were lost",
                    evidence);
        }
        return CheckResult.passed(claim.id(), claim.title(), "no missing scrape on the " + others
                + " targets of other nodes; the rebooted node's " + report.rebootedNodeTargets().size()
                + " targets show the expected gap only", evidence);
    }

    static String describe(TargetGaps target) {
        StringBuilder text = new StringBuilder();
        for (Gap down : target.down()) {
            text.append("down (up=0) from ").append(down.from()).append(" to ").append(down.to())
                    .append(down.open() ? " (still down)" : "").append(" = ").append(down.length().toSeconds())
                    .append(" s; ");
        }
        if (target.gaps().isEmpty()) {
            return text + "" + target.samples() + " samples every " + target.interval().toMillis() / 1000.0
                    + " s, no gap";
        }
        for (Gap gap : target.gaps()) {
            text.append("no sample from ").append(gap.from()).append(" to ").append(gap.to())
                    .append(gap.open() ? " (end of window)" : "")
                    .append(" = ").append(gap.length().toSeconds()).append(" s, ")
                    .append(gap.missingScrapes()).append(" scrapes missing; ");
        }
        return text.substring(0, text.length() - 2);
    }

    public static String bytes(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value < 1024) {
            return String.format(Locale.ROOT, "%.0f B", value);
        }
        if (value < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", value / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", value / 1024 / 1024);
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
