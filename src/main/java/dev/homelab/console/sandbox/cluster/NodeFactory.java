package dev.homelab.console.sandbox.cluster;

import dev.homelab.console.sandbox.scenario.NodeSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Nodes as a k3s kubelet on a Raspberry Pi registers them. */
public final class NodeFactory {

    /** What the Pi's firmware and kernel keep for themselves: capacity is less than the installed RAM. */
    private static final long KERNEL_RESERVED_BYTES = 180L << 20;
    /** k3s's default eviction threshold memory.available<100Mi is subtracted from allocatable. */
    private static final long EVICTION_RESERVE_BYTES = 100L << 20;

    private NodeFactory() {
    }

    public static Node node(NodeSpec spec, String k3sVersion, boolean ready, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", "arm64");
        labels.put("beta.kubernetes.io/instance-type", "k3s");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "arm64");
        labels.put("kubernetes.io/hostname", spec.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", "k3s");
        if (spec.server()) {
            labels.put("node-role.kubernetes.io/control-plane", "true");
            labels.put("node-role.kubernetes.io/master", "true");
        }
        long capacity = spec.memoryBytes() - KERNEL_RESERVED_BYTES;
        Map<String, Quantity> capacities = Map.of("cpu", new Quantity(Integer.toString(spec.cpus())),
                "memory", new Quantity((capacity >> 10) + "Ki"), "pods", new Quantity("110"),
                "ephemeral-storage", new Quantity("479079112Ki"));
        Map<String, Quantity> allocatable = Map.of("cpu", new Quantity(Integer.toString(spec.cpus())),
                "memory", new Quantity(((capacity - EVICTION_RESERVE_BYTES) >> 10) + "Ki"),
                "pods", new Quantity("110"), "ephemeral-storage", new Quantity("466046125847"));
        return new NodeBuilder()
                .withNewMetadata().withName(spec.name()).withLabels(labels)
                .addToAnnotations("k3s.io/hostname", spec.name())
                .addToAnnotations("k3s.io/internal-ip", spec.address())
                .addToAnnotations("k3s.io/node-args", spec.server() ? "[\"server\"]" : "[\"agent\"]")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .endMetadata()
                .withNewSpec().withPodCIDR("10.42." + podSubnet(spec) + ".0/24")
                .withProviderID("k3s://" + spec.name()).withTaints(ready ? List.of() : unreachableTaints(now))
                .endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(spec.address()).endAddress()
                .addNewAddress().withType("Hostname").withAddress(spec.name()).endAddress()
                .withCapacity(capacities).withAllocatable(allocatable)
                .withConditions(conditions(ready, now))
                .withNewNodeInfo().withArchitecture("arm64").withBootID(UUID.randomUUID().toString())
                .withContainerRuntimeVersion("containerd://2.0.5-k3s2").withKernelVersion(spec.kernelVersion())
                .withKubeletVersion(k3sVersion).withKubeProxyVersion(k3sVersion)
                .withMachineID(UUID.nameUUIDFromBytes(spec.name().getBytes()).toString().replace("-", ""))
                .withOperatingSystem("linux").withOsImage(spec.osImage())
                .withSystemUUID(UUID.nameUUIDFromBytes(("sys" + spec.name()).getBytes()).toString())
                .endNodeInfo()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint()
                .endDaemonEndpoints()
                .endStatus()
                .build();
    }

    /** The conditions a posting kubelet reports, or the node controller's "Unknown" when it stopped posting. */
    public static List<NodeCondition> conditions(boolean ready, Instant now) {
        String t = now.toString();
        List<NodeCondition> conditions = new ArrayList<>();
        String[][] pressures = {
                {"MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
                {"DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
                {"PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"}};
        for (String[] p : pressures) {
            conditions.add(ready
                    ? condition(p[0], "False", p[1], p[2], t)
                    : condition(p[0], "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", t));
        }
        conditions.add(ready
                ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", t)
                : condition("Ready", "Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status.", t));
        return conditions;
    }

    public static List<Taint> unreachableTaints(Instant now) {
        return List.of(
                new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoSchedule")
                        .withTimeAdded(now.toString()).build(),
                new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute")
                        .withTimeAdded(now.toString()).build());
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String time) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(time).withLastTransitionTime(time).build();
    }

    public static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static String internalIp(Node node) {
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(a -> a.getAddress()).findFirst().orElse("");
    }

    private static int podSubnet(NodeSpec spec) {
        String[] octets = spec.address().split("\\.");
        try {
            return Math.floorMod(Integer.parseInt(octets[octets.length - 1]), 250);
        } catch (NumberFormatException e) {
            return Math.floorMod(spec.name().hashCode(), 250);
        }
    }
}
