package dev.homelab.console.migration;

import dev.homelab.console.helm.ChartRef;

import java.util.List;

/**
 * One change of a {@link StepPlan}.
 *
 * @param kind            what happens
 * @param objectKind      "HelmRelease", "Secret", "ConfigMap", "HelmRepository", "S3Object"...
 * @param namespace       namespace of the object (empty for cluster-scoped or external things)
 * @param name            name of the release / object / repository
 * @param description     one line a user understands
 * @param chart           chart and version for Helm release changes, else null
 * @param currentRevision installed Helm revision the change starts from (0 when not installed) — the engine rolls back
 *                        to it when the user chooses rollback after a failure
 * @param maskedValues    the complete new values / object content as YAML with secrets masked (empty when none)
 * @param diff            unified diff (masked) from what is installed now to {@code maskedValues}; empty when none
 */
public record PlannedChange(ChangeKind kind, String objectKind, String namespace, String name, String description,
                            ChartRef chart, int currentRevision, String maskedValues, List<String> diff) {

    public PlannedChange {
        namespace = namespace == null ? "" : namespace;
        maskedValues = maskedValues == null ? "" : maskedValues;
        diff = diff == null ? List.of() : List.copyOf(diff);
    }

    public static PlannedChange simple(ChangeKind kind, String objectKind, String namespace, String name,
                                       String description) {
        return new PlannedChange(kind, objectKind, namespace, name, description, null, 0, "", List.of());
    }

    /** "helm install monitoring/vmks (victoria-metrics/victoria-metrics-k8s-stack 0.91.2)". */
    public String headline() {
        String target = namespace.isEmpty() ? name : namespace + "/" + name;
        String head = kind.label() + " " + objectKind + " " + target;
        return chart == null ? head : head + " (" + chart + ")";
    }
}
