package dev.homelab.console.reboot.plan;

/** A workload with a single copy on the node to reboot: it is unavailable until the node is back. */
public record UnreplicatedWorkload(String namespace, String kind, String name, String pod) {
    public String display() {
        return kind + " " + namespace + "/" + name;
    }
}
