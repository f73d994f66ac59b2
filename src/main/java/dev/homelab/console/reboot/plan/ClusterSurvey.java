package dev.homelab.console.reboot.plan;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One read of the cluster for the guard rails: nodes, the pods on each, which of them are monitoring components,
 * and which volumes pin pods to their node. Pods are listed once and filtered by node here (the API's
 * {@code spec.nodeName} field selector would do the same with one call per node).
 */
public final class ClusterSurvey {

    private final List<Node> nodes;
    private final List<Pod> pods;
    private final Map<String, PersistentVolumeClaim> claims;
    private final Map<String, PersistentVolume> volumes;

    private ClusterSurvey(List<Node> nodes, List<Pod> pods, Map<String, PersistentVolumeClaim> claims,
                          Map<String, PersistentVolume> volumes) {
        this.nodes = nodes;
        this.pods = pods;
        this.claims = claims;
        this.volumes = volumes;
    }

    public static ClusterSurvey read(KubernetesClient kube) {
        List<Node> nodes = new ArrayList<>(kube.nodes().list().getItems());
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        List<Pod> pods = kube.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
                .filter(p -> !"Succeeded".equals(phase(p)) && !"Failed".equals(phase(p)))
                .toList();
        Map<String, PersistentVolumeClaim> claims = new java.util.HashMap<>();
        for (PersistentVolumeClaim claim : kube.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            claims.put(claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName(), claim);
        }
        Map<String, PersistentVolume> volumes = new java.util.HashMap<>();
        for (PersistentVolume volume : kube.persistentVolumes().list().getItems()) {
            volumes.put(volume.getMetadata().getName(), volume);
        }
        return new ClusterSurvey(nodes, pods, claims, volumes);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.getMetadata().getName().equals(name)).findFirst();
    }

    public List<Pod> podsOn(String node) {
        return pods.stream().filter(p -> node.equals(p.getSpec().getNodeName())).toList();
    }

    public List<NodeProfile> profiles() {
        return nodes.stream().map(this::profile).toList();
    }

    public NodeProfile profile(Node node) {
        String name = node.getMetadata().getName();
        List<HostedPod> monitoring = new ArrayList<>();
        List<PinnedVolume> pinned = new ArrayList<>();
        for (Pod pod : podsOn(name)) {
            MonitoringComponent.of(pod).ifPresent(c -> monitoring.add(new HostedPod(c,
                    pod.getMetadata().getNamespace(), pod.getMetadata().getName(), isDaemonSetPod(pod))));
            pinned.addAll(pinnedVolumes(pod, name));
        }
        return new NodeProfile(name, isControlPlane(node), isReady(node), isUnschedulable(node), bootId(node),
                addresses(node), monitoring, pinned);
    }

    private List<PinnedVolume> pinnedVolumes(Pod pod, String nodeName) {
        List<PinnedVolume> pinned = new ArrayList<>();
        if (pod.getSpec().getVolumes() == null) {
            return pinned;
        }
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getPersistentVolumeClaim() == null) {
                continue;
            }
            String namespace = pod.getMetadata().getNamespace();
            PersistentVolumeClaim claim = claims.get(namespace + "/" + volume.getPersistentVolumeClaim().getClaimName());
            if (claim == null || claim.getSpec() == null || claim.getSpec().getVolumeName() == null) {
                continue;
            }
            PersistentVolume pv = volumes.get(claim.getSpec().getVolumeName());
            if (pv != null && pinnedTo(pv, nodeName)) {
                pinned.add(new PinnedVolume(namespace, claim.getMetadata().getName(), pv.getMetadata().getName(),
                        Optional.ofNullable(pv.getSpec().getStorageClassName()).orElse(""),
                        pod.getMetadata().getName()));
            }
        }
        return pinned;
    }

    private static boolean pinnedTo(PersistentVolume pv, String nodeName) {
        var affinity = pv.getSpec().getNodeAffinity();
        if (affinity == null || affinity.getRequired() == null) {
            return pv.getSpec().getHostPath() != null || pv.getSpec().getLocal() != null;
        }
        return affinity.getRequired().getNodeSelectorTerms().stream()
                .flatMap(t -> t.getMatchExpressions() == null ? java.util.stream.Stream.empty()
                        : t.getMatchExpressions().stream())
                .anyMatch(e -> e.getKey().equals("kubernetes.io/hostname") && e.getValues() != null
                        && e.getValues().contains(nodeName));
    }

    public static boolean isDaemonSetPod(Pod pod) {
        return owner(pod).map(o -> o.getKind().equals("DaemonSet")).orElse(false);
    }

    public static Optional<OwnerReference> owner(Pod pod) {
        var owners = pod.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .or(() -> owners.stream().findFirst());
    }

    public static boolean isControlPlane(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return labels.containsKey("node-role.kubernetes.io/control-plane")
                || labels.containsKey("node-role.kubernetes.io/master");
    }

    public static boolean isReady(Node node) {
        return readyCondition(node).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    public static Optional<NodeCondition> readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    public static boolean isUnschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    public static String bootId(Node node) {
        if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) {
            return "";
        }
        return Optional.ofNullable(node.getStatus().getNodeInfo().getBootID()).orElse("");
    }

    public static List<String> addresses(Node node) {
        List<String> result = new ArrayList<>();
        result.add(node.getMetadata().getName());
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress address : node.getStatus().getAddresses()) {
                if (!result.contains(address.getAddress())) {
                    result.add(address.getAddress());
                }
            }
        }
        return result;
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? "" : pod.getStatus().getPhase();
    }
}
