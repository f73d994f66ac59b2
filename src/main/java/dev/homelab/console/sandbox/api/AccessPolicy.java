package dev.homelab.console.sandbox.api;

/** Decides SelfSubjectAccessReviews: the sandbox user is cluster-admin except where the scenario denies a permission. */
@FunctionalInterface
public interface AccessPolicy {

    boolean allowed(String verb, String group, String resource, String subresource, String namespace);
}
