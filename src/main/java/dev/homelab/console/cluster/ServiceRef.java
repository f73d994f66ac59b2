package dev.homelab.console.cluster;

/** An in-cluster Service port the console wants to talk to (Loki, vmsingle, vmagent, Alertmanager, Grafana, MinIO). */
public record ServiceRef(String namespace, String name, int port) {
    @Override
    public String toString() {
        return namespace + "/" + name + ":" + port;
    }
}
