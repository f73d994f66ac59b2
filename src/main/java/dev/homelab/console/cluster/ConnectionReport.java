package dev.homelab.console.cluster;

import java.util.List;
import java.util.Map;

/**
 * What the connection check observed: the API server's version (and whether it is k3s), the nodes and their
 * architectures, whether metrics.k8s.io is served, the cluster's identity, and anything it could not read.
 * {@code nodeCount} is -1 when nodes could not be listed (see {@code warnings}).
 */
public record ConnectionReport(String context, String serverUrl, String gitVersion, String platform, boolean k3s,
                               int nodeCount, Map<String, Integer> architectures, boolean metricsApiServed,
                               String clusterId, long elapsedMillis, List<String> warnings) {

    public ConnectionReport {
        architectures = Map.copyOf(architectures);
        warnings = List.copyOf(warnings);
    }

    /** "k3s v1.33.4+k3s1" or "Kubernetes v1.31.0". */
    public String distribution() {
        return (k3s ? "k3s " : "Kubernetes ") + gitVersion;
    }
}
