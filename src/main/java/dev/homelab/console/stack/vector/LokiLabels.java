package dev.homelab.console.stack.vector;

import java.util.List;

/**
 * The only Loki labels the agent sets. Bounded on purpose: pod UID, IPs, container IDs and images would multiply
 * streams (Loki allows 15 label names and limits active streams per tenant).
 * The names match what Alloy used, so existing LogQL such as {@code {namespace="kube-system"}} keeps working.
 */
public final class LokiLabels {

    public static final List<String> NAMES = List.of("namespace", "pod", "container", "node", "app", "job");

    /** {@code job} value of container logs. */
    public static final String JOB_PODS = "kubernetes-pods";
    /** {@code job} value (and namespace) of host journal entries. */
    public static final String JOB_JOURNAL = "journald";
    public static final String HOST_NAMESPACE = "host";

    private LokiLabels() {
    }
}
