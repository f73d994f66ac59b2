package dev.homelab.console.stack.loki;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.stack.values.ValuesChange;

import java.util.List;

/** All findings of one Loki review, plus what the Vector sink must match. */
public record LokiReviewReport(String namespace, String release, String chart, LokiChartFamily family,
                               List<LokiFinding> findings, boolean authEnabled) {

    public LokiReviewReport {
        findings = List.copyOf(findings);
    }

    public boolean hasProblems() {
        return findings.stream().anyMatch(f -> f.severity() == LokiFinding.Severity.PROBLEM);
    }

    /** Every proposed values change, in finding order. */
    public List<ValuesChange> proposedChanges() {
        return findings.stream().flatMap(f -> f.fix().stream()).toList();
    }
}
