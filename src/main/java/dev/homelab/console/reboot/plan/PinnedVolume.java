package dev.homelab.console.reboot.plan;

/**
 * A persistent volume bound to one node (local-path, or any PV with a hostname node affinity): the pod using it
 * cannot be moved while that node is down.
 */
public record PinnedVolume(String namespace, String claim, String volume, String storageClass, String pod) {
}
