package dev.homelab.console.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * One connected cluster: the fabric8 client, who the cluster is, and how its services are reached.
 * Real and sandbox clusters both arrive as this type; nothing downstream may ask which it is
 * except to label the UI ("Sandbox").
 */
public record ClusterSession(KubernetesClient kube, ClusterIdentity identity, ServiceAccess services)
        implements AutoCloseable {

    @Override
    public void close() {
        services.close();
        kube.close();
    }
}
