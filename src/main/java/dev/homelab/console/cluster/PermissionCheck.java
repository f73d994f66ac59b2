package dev.homelab.console.cluster;

import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks the API server, before any work, whether the current user may do each thing the migration needs
 * (one SelfSubjectAccessReview per requirement). A review answered without status, or not answered, is
 * {@code UNKNOWN} — never "allowed".
 */
public final class PermissionCheck {

    private PermissionCheck() {
    }

    public static List<PermissionResult> check(KubernetesClient kube, List<PermissionRequirement> requirements,
                                               Progress progress) {
        List<PermissionResult> results = new ArrayList<>(requirements.size());
        int done = 0;
        for (PermissionRequirement requirement : requirements) {
            progress.checkCancelled();
            progress.update("Checking permission: " + requirement.describe(),
                    (double) done++ / requirements.size());
            results.add(review(kube, requirement));
        }
        progress.update("Permissions checked", 1.0);
        return results;
    }

    public static PermissionResult review(KubernetesClient kube, PermissionRequirement requirement) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder()
                .withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder()
                        .withVerb(requirement.verb())
                        .withGroup(requirement.group())
                        .withResource(requirement.resource())
                        .withSubresource(requirement.subresource().isEmpty() ? null : requirement.subresource())
                        .withNamespace(requirement.namespace())
                        .build())
                .endSpec()
                .build();
        try {
            SelfSubjectAccessReview answer = kube.authorization().v1().selfSubjectAccessReview().create(review);
            SubjectAccessReviewStatus status = answer == null ? null : answer.getStatus();
            if (status == null || status.getAllowed() == null) {
                return result(requirement, PermissionResult.Access.UNKNOWN,
                        "The API server returned the review without an answer");
            }
            if (Boolean.TRUE.equals(status.getAllowed())) {
                return result(requirement, PermissionResult.Access.ALLOWED, nonBlank(status.getReason(), "allowed"));
            }
            String reason = nonBlank(status.getEvaluationError(), nonBlank(status.getReason(), "no RBAC rule allows it"));
            return result(requirement, PermissionResult.Access.DENIED, Redaction.scrub(reason));
        } catch (KubernetesClientException e) {
            return result(requirement, PermissionResult.Access.UNKNOWN, "Could not ask the API server: "
                    + ConnectionProblems.explain(e, kube.getConfiguration().getMasterUrl()).detail());
        }
    }

    /** Requirements that are not (known to be) allowed. */
    public static List<PermissionResult> missing(List<PermissionResult> results) {
        return results.stream().filter(r -> !r.allowed()).toList();
    }

    private static PermissionResult result(PermissionRequirement r, PermissionResult.Access access, String reason) {
        return new PermissionResult(r.verb(), r.group(), r.resource(), r.subresource(), r.namespace(), access, reason,
                r.neededFor());
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
