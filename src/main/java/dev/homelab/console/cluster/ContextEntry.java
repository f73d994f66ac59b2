package dev.homelab.console.cluster;

/**
 * One kubeconfig context as kubectl would show it: which cluster (and its API server URL), which user, which default
 * namespace, and the file that defined it (after merging several files).
 */
public record ContextEntry(String name, String cluster, String user, String namespace, String server, String file) {

    public ContextEntry {
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
        server = server == null ? "" : server;
    }
}
