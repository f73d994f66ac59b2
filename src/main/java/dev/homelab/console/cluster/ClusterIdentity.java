package dev.homelab.console.cluster;

/**
 * Who the cluster is: the kubeconfig context the user chose, the API server URL, and a stable id
 * (the UID of the kube-system namespace) under which local history and journals are kept.
 */
public record ClusterIdentity(String contextName, String serverUrl, String clusterId, boolean sandbox) {
}
