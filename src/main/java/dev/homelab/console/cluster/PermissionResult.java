package dev.homelab.console.cluster;

/**
 * The API server's answer (SelfSubjectAccessReview) for one {@link PermissionRequirement}.
 * {@code UNKNOWN} when the review had no status or could not be created: never counted as allowed.
 */
public record PermissionResult(String verb, String group, String resource, String subresource, String namespace,
                               Access access, String reason, String neededFor) {

    public enum Access { ALLOWED, DENIED, UNKNOWN }

    public boolean allowed() {
        return access == Access.ALLOWED;
    }

    public String describe() {
        return new PermissionRequirement(verb, group, resource, subresource, namespace, neededFor).describe();
    }
}
