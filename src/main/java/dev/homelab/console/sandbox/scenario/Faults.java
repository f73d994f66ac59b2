package dev.homelab.console.sandbox.scenario;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is wrong with the lab on purpose, so unusual clusters can be rehearsed.
 *
 * @param notReadyNodes         nodes whose kubelet does not post Ready (no fresh metrics either)
 * @param noMetricsServer       metrics-server is not installed: metrics.k8s.io is not served
 * @param rbacDenials           SelfSubjectAccessReviews that answer allowed=false
 * @param missingBuckets        buckets Loki's values name but MinIO does not have
 * @param vmagentBufferEmptyDir vmagent's remote-write queue lives on emptyDir whatever the values say: a reboot loses it
 * @param lokiDown              Loki's pods never become Ready (its Service has no ready endpoints)
 * @param slowRebootDuration    when present, rebooted nodes stay away this long instead of the timing's reboot duration
 * @param nodesNeverReturning   nodes that stay NotReady after a reboot
 */
public record Faults(Set<String> notReadyNodes, boolean noMetricsServer, List<RbacDenial> rbacDenials,
                     Set<String> missingBuckets, boolean vmagentBufferEmptyDir, boolean lokiDown,
                     Optional<Duration> slowRebootDuration, Set<String> nodesNeverReturning) {

    public static final Faults NONE = new Faults(Set.of(), false, List.of(), Set.of(), false, false, Optional.empty(),
            Set.of());

    public Faults {
        notReadyNodes = Set.copyOf(notReadyNodes);
        rbacDenials = List.copyOf(rbacDenials);
        missingBuckets = Set.copyOf(missingBuckets);
        nodesNeverReturning = Set.copyOf(nodesNeverReturning);
    }

    /** The fault names as {@code SandboxWorld.faults()} reports them (the {@code type} values of the scenario file). */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        if (!notReadyNodes.isEmpty()) {
            names.add(FaultType.NODE_NOT_READY.key());
        }
        if (noMetricsServer) {
            names.add(FaultType.NO_METRICS_SERVER.key());
        }
        if (!rbacDenials.isEmpty()) {
            names.add(FaultType.RBAC_DENIED.key());
        }
        if (!missingBuckets.isEmpty()) {
            names.add(FaultType.MISSING_BUCKET.key());
        }
        if (vmagentBufferEmptyDir) {
            names.add(FaultType.VMAGENT_BUFFER_EMPTYDIR.key());
        }
        if (lokiDown) {
            names.add(FaultType.LOKI_DOWN.key());
        }
        if (slowRebootDuration.isPresent()) {
            names.add(FaultType.SLOW_NODE_REBOOT.key());
        }
        if (!nodesNeverReturning.isEmpty()) {
            names.add(FaultType.NODE_NEVER_RETURNS.key());
        }
        return names;
    }

    /**
     * One denied permission. Empty {@code group} is the core API group; a null namespace or "*" matches every
     * namespace, "*" as verb or resource matches all.
     */
    public record RbacDenial(String verb, String group, String resource, String namespace) {
        public boolean matches(String askedVerb, String askedGroup, String askedResource, String askedNamespace) {
            return wildcard(verb, askedVerb) && wildcard(group, askedGroup == null ? "" : askedGroup)
                    && wildcard(resource, askedResource)
                    && (namespace == null || wildcard(namespace, askedNamespace == null ? "" : askedNamespace));
        }

        private static boolean wildcard(String pattern, String value) {
            return "*".equals(pattern) || pattern.equals(value);
        }
    }
}
