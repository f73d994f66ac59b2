package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * "Every node is scraped": each node has at least one healthy node-level target in vmagent
 * ({@code /api/v1/targets}), and VictoriaMetrics holds {@code up == 1} for each node — so the samples really
 * arrived through remote write, not just the scrape.
 */
public final class NodeScrapeCheck {

    public static final String TARGETS_ID = "vmagent-node-targets";
    public static final String UP_ID = "vm-up-per-node";
    private static final String TARGETS_TITLE = "Every node has a healthy scrape target in vmagent";
    private static final String UP_TITLE = "up == 1 for every node in VictoriaMetrics";

    private final VmAgentClient vmagent;
    private final PromApiClient victoriaMetrics;

    public NodeScrapeCheck(VmAgentClient vmagent, PromApiClient victoriaMetrics) {
        this.vmagent = vmagent;
        this.victoriaMetrics = victoriaMetrics;
    }

    public List<CheckResult> run(List<NodeIdentity> nodes) {
        return List.of(targets(nodes), up(nodes));
    }

    CheckResult targets(List<NodeIdentity> nodes) {
        if (nodes.isEmpty()) {
            return CheckResult.unverified(TARGETS_ID, TARGETS_TITLE, "the cluster reported no nodes", List.of());
        }
        List<ScrapeTarget> targets;
        try {
            targets = vmagent.activeTargets();
        } catch (ServiceCallException e) {
            return CheckResult.unverified(TARGETS_ID, TARGETS_TITLE, e.getMessage(), List.of());
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (NodeIdentity node : nodes) {
            List<ScrapeTarget> own = targets.stream().filter(node::owns).toList();
            List<ScrapeTarget> healthy = own.stream().filter(ScrapeTarget::healthy).toList();
            if (healthy.isEmpty()) {
                missing.add(node.name());
                String why = own.isEmpty() ? "no node-level target at all"
                        : own.stream().map(t -> t.describe() + " " + t.health()
                                + (t.lastError().isEmpty() ? "" : " (" + t.lastError() + ")"))
                        .collect(Collectors.joining("; "));
                evidence.add(new Evidence(vmagent.baseUri() + "api/v1/targets", node.name() + ": " + why));
            } else {
                evidence.add(new Evidence(vmagent.baseUri() + "api/v1/targets", node.name() + ": "
                        + healthy.size() + " healthy (" + healthy.stream().map(ScrapeTarget::describe)
                        .collect(Collectors.joining(", ")) + ")"));
            }
        }
        if (!missing.isEmpty()) {
            return CheckResult.failed(TARGETS_ID, TARGETS_TITLE, "No healthy target for " + String.join(", ", missing)
                    + " out of " + nodes.size() + " nodes; see each target's last error", evidence);
        }
        return CheckResult.passed(TARGETS_ID, TARGETS_TITLE, "All " + nodes.size() + " nodes have a healthy target ("
                + targets.size() + " active targets in total)", evidence);
    }

    CheckResult up(List<NodeIdentity> nodes) {
        if (nodes.isEmpty()) {
            return CheckResult.unverified(UP_ID, UP_TITLE, "the cluster reported no nodes", List.of());
        }
        List<Series> up;
        try {
            up = victoriaMetrics.query("up", null);
        } catch (PromApiException e) {
            return CheckResult.unverified(UP_ID, UP_TITLE, e.getMessage(), List.of());
        }
        String source = victoriaMetrics.baseUri() + " query up";
        List<Evidence> evidence = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (NodeIdentity node : nodes) {
            List<Series> own = up.stream().filter(s -> node.matchesLabels(s.labels())).toList();
            long ones = own.stream().filter(s -> s.value() == 1.0).count();
            if (ones == 0) {
                failing.add(node.name());
                evidence.add(new Evidence(source, node.name() + ": " + (own.isEmpty() ? "no up series"
                        : own.stream().map(s -> s.label("job") + "=" + fmt(s.value())).collect(Collectors.joining(", ")))));
            } else {
                evidence.add(new Evidence(source, node.name() + ": up=1 for " + own.stream().filter(s -> s.value() == 1.0)
                        .map(s -> s.label("job")).distinct().collect(Collectors.joining(", "))));
            }
        }
        if (!failing.isEmpty()) {
            return CheckResult.failed(UP_ID, UP_TITLE, "VictoriaMetrics has no up == 1 for " + String.join(", ", failing)
                    + "; samples for them are not arriving", evidence);
        }
        return CheckResult.passed(UP_ID, UP_TITLE, "up == 1 for all " + nodes.size() + " nodes", evidence);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
