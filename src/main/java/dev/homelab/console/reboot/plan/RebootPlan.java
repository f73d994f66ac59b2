package dev.homelab.console.reboot.plan;

import java.util.List;
import java.util.Optional;

/**
 * What a reboot test of {@code node} would do and what it would prove, shown before anything changes: every node's
 * profile, the node that exercises the buffers best, what runs on the chosen node and what that means, the steps,
 * and the refusals. {@link #allowed()} is the single answer to "may it start".
 */
public record RebootPlan(String node, List<NodeProfile> nodes, String proposedNode, String proposalReason,
                         List<String> meaning, List<UnreplicatedWorkload> unreplicated, List<Refusal> refusals,
                         List<String> steps, boolean cordon) {

    public RebootPlan {
        nodes = List.copyOf(nodes);
        meaning = List.copyOf(meaning);
        unreplicated = List.copyOf(unreplicated);
        refusals = List.copyOf(refusals);
        steps = List.copyOf(steps);
    }

    /** The settings with the node this plan chose, so running it reboots exactly the node that was shown. */
    public RebootSettings settingsFor(RebootSettings settings) {
        return settings.withNode(node);
    }

    public boolean allowed() {
        return refusals.isEmpty();
    }

    public Optional<NodeProfile> target() {
        return nodes.stream().filter(n -> n.name().equals(node)).findFirst();
    }

    /** True when the storage of metrics (or logs) goes down while its agent keeps running elsewhere. */
    public boolean exercisesMetricsBuffer() {
        return target().map(t -> t.hostsSingle(MonitoringComponent.VMSINGLE) && !t.hostsSingle(MonitoringComponent.VMAGENT))
                .orElse(false);
    }

    public boolean exercisesLogsBuffer() {
        return target().map(t -> t.hostsSingle(MonitoringComponent.LOKI)).orElse(false);
    }
}
