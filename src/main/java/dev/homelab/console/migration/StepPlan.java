package dev.homelab.console.migration;

import java.util.List;

/**
 * What a step will change, before it does: shown in the wizard and by {@code migrate plan}, confirmed by the user,
 * then handed to {@link MigrationStep#apply}. Never contains a secret in clear.
 *
 * @param stepId  the step
 * @param summary one sentence
 * @param changes every change, in the order apply makes them; empty when there is nothing to do
 * @param notes   things the user should know (e.g. "node-exporter stays off until kube-prometheus-stack is removed")
 */
public record StepPlan(String stepId, String summary, List<PlannedChange> changes, List<String> notes) {

    public StepPlan {
        changes = List.copyOf(changes);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static StepPlan of(String stepId, String summary, List<PlannedChange> changes) {
        return new StepPlan(stepId, summary, changes, List.of());
    }

    public static StepPlan nothingToDo(String stepId, String why) {
        return new StepPlan(stepId, why, List.of(), List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** True when applying changes something in the cluster (not just external probes). */
    public boolean changesCluster() {
        return changes.stream().anyMatch(c -> c.kind() != ChangeKind.EXTERNAL && c.kind() != ChangeKind.HELM_REPOSITORY);
    }
}
