package dev.homelab.console.stack.vm;

import java.util.List;
import java.util.Map;

/**
 * vmagent's on-disk remote-write queue: {@code -remoteWrite.tmpDataPath=/var/lib/vmagent-data} on a hostPath of the
 * same name, on one pinned node, with {@code updateStrategy: Recreate} and a bounded
 * {@code -remoteWrite.maxDiskUsagePerURL}.
 *
 * <p>Why this layout (domain brief §1.1): the operator always mounts its own volume {@code persistent-queue-data}
 * (an emptyDir) at {@code /tmp/vmagent-remotewrite-data} and appends {@code -remoteWrite.tmpDataPath} with the value
 * of {@code remoteWriteSettings.tmpDataPath}. An emptyDir dies with the pod, so a buffer that must outlive a pod
 * restart or a node reboot needs real storage. Setting {@code remoteWriteSettings.tmpDataPath} makes the operator
 * pass exactly {@code -remoteWrite.tmpDataPath=/var/lib/vmagent-data}; our own hostPath volume mounted there keeps the
 * queue on the node's disk. vmagent holds an exclusive {@code flock} on the queue folder, so a RollingUpdate would
 * start the new pod while the old one still holds the lock — hence Recreate. A hostPath is only the same data when
 * the pod comes back on the same node — hence the nodeSelector. The operator's emptyDir stays mounted but unused.
 * Rejected: statefulMode (a local-path PVC pins the pod the same way, but the queue would sit under
 * {@code /vmagent_pq}, not {@code /var/lib/vmagent-data}); daemonSetMode (it only supports VMPodScrape, so the kubelet
 * VMNodeScrape would stop working).
 *
 * @param hostPath           folder on the node and in the container, {@code /var/lib/vmagent-data}
 * @param maxDiskUsagePerUrl bound of the queue per remote-write URL, e.g. {@code 2GiB} (vmagent accepts KiB/MiB/GiB)
 * @param pinnedNode         the node vmagent runs on ({@code kubernetes.io/hostname}); should not be the node the
 *                           reboot test restarts
 * @param tolerations        tolerations for the pinned node's NoSchedule taints (empty when it has none)
 */
public record VmAgentBuffer(String hostPath, String maxDiskUsagePerUrl, String pinnedNode,
                            List<Toleration> tolerations) {

    /** Lets vmagent onto the pinned node despite one of its taints. */
    public record Toleration(String key, String operator, String value, String effect) {
        public Map<String, Object> toValues() {
            return OrderedMap.of("key", key, "operator", operator, "value", value, "effect", effect);
        }
    }

    public static final String DEFAULT_PATH = "/var/lib/vmagent-data";
    static final String VOLUME_NAME = "vmagent-buffer";

    public VmAgentBuffer {
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        if (pinnedNode == null || pinnedNode.isBlank()) {
            throw new IllegalArgumentException("vmagent's disk buffer needs a node to pin vmagent to: a hostPath "
                    + "queue is only found again when the pod restarts on the same node");
        }
        if (maxDiskUsagePerUrl == null || !maxDiskUsagePerUrl.matches("[0-9]+(KiB|MiB|GiB|KB|MB|GB)")) {
            throw new IllegalArgumentException("buffer bound '" + maxDiskUsagePerUrl + "' must look like 2GiB");
        }
    }

    public static VmAgentBuffer onNode(String node, String maxDiskUsagePerUrl) {
        return new VmAgentBuffer(DEFAULT_PATH, maxDiskUsagePerUrl, node, List.of());
    }

    public VmAgentBuffer withTolerations(List<Toleration> value) {
        return new VmAgentBuffer(hostPath, maxDiskUsagePerUrl, pinnedNode, value);
    }

    /** The text the plan and the docs show to explain the choice. */
    public String explanation() {
        return "vmagent keeps its remote-write queue in " + hostPath + " on node " + pinnedNode
                + " (hostPath, -remoteWrite.tmpDataPath=" + hostPath + ", at most " + maxDiskUsagePerUrl
                + " per URL): the queue survives pod restarts and reboots. vmagent is pinned to that node and"
                + " updated with Recreate because vmagent locks its queue folder. The operator's own emptyDir"
                + " (persistent-queue-data at /tmp/vmagent-remotewrite-data) stays mounted but unused.";
    }
}
