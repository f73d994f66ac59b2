package dev.homelab.console.reboot.gaps;

import java.time.Instant;
import java.util.List;

/**
 * Per-target gaps of a window, split into the rebooted node's own targets (their gap is unavoidable: nothing runs
 * there to be scraped) and every other target, which must have none when vmagent buffered correctly.
 */
public record GapReport(String query, Instant start, Instant end, String rebootedNode, List<TargetGaps> targets) {

    public GapReport {
        targets = List.copyOf(targets);
    }

    public List<TargetGaps> rebootedNodeTargets() {
        return targets.stream().filter(t -> t.node().equals(rebootedNode)).toList();
    }

    public List<TargetGaps> otherTargets() {
        return targets.stream().filter(t -> !t.node().equals(rebootedNode)).toList();
    }

    public List<TargetGaps> otherTargetsWithGaps() {
        return otherTargets().stream().filter(t -> !t.gaps().isEmpty()).toList();
    }

    public int gapCountOnOtherNodes() {
        return otherTargets().stream().mapToInt(t -> t.gaps().size()).sum();
    }
}
