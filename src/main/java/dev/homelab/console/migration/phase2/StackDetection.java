package dev.homelab.console.migration.phase2;

import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.stack.PiProfile;
import dev.homelab.console.stack.vm.VmAgentBuffer;
import dev.homelab.console.stack.vm.VmStackInputs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster says about the choices behind the stack's values: which StorageClass (local-path or longhorn),
 * which node carries vmagent's disk buffer, whether another node-exporter holds host port 9100, whether this is k3s.
 * Every finding keeps its reason, so the plan can explain it.
 */
public record StackDetection(Optional<String> storageClass, String storageClassReason, Optional<String> bufferNode,
                             List<VmAgentBuffer.Toleration> bufferNodeTolerations, String bufferNodeReason,
                             Optional<String> port9100Holder, boolean k3s, boolean converterOwnership) {

    public static final String OWNERSHIP_SETTING = "vm-stack.converterOwnership";
    public static final String BUFFER_NODE_SETTING = "vm-stack.vmagentNode";
    public static final String GRAFANA_URL_SETTING = "vm-stack.grafanaUrl";
    static final List<String> SUPPORTED_STORAGE = List.of("local-path", "longhorn");
    private static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

    public static StackDetection detect(KubernetesClient kube, MigrationSettings settings) {
        List<StorageClass> classes = kube.storage().v1().storageClasses().list().getItems();
        List<Node> nodes = kube.nodes().list().getItems();
        Optional<String> storage;
        String storageReason;
        if (settings.storageClassChoice().isPresent()) {
            storage = settings.storageClassChoice();
            boolean exists = classes.stream().anyMatch(c -> c.getMetadata().getName().equals(storage.get()));
            storageReason = exists ? "chosen in the settings" : "chosen in the settings, but the cluster has no"
                    + " StorageClass of that name";
        } else {
            List<StorageClass> supported = classes.stream()
                    .filter(c -> SUPPORTED_STORAGE.contains(c.getMetadata().getName())).toList();
            Optional<StorageClass> preferred = supported.stream().filter(StackDetection::isDefault).findFirst()
                    .or(() -> supported.stream().min(Comparator.comparingInt(
                            c -> SUPPORTED_STORAGE.indexOf(c.getMetadata().getName()))));
            storage = preferred.map(c -> c.getMetadata().getName());
            storageReason = preferred.map(c -> isDefault(c) ? "the cluster's default StorageClass"
                            : "found in the cluster (not the default class)")
                    .orElse("the cluster has neither local-path nor longhorn (found: " + classes.stream()
                            .map(c -> c.getMetadata().getName()).toList() + ")");
        }
        Optional<Node> bufferNode;
        String bufferReason;
        Optional<String> chosen = settings.extra(BUFFER_NODE_SETTING).filter(s -> !s.isBlank());
        if (chosen.isPresent()) {
            bufferNode = nodes.stream().filter(n -> n.getMetadata().getName().equals(chosen.get())).findFirst();
            bufferReason = bufferNode.isPresent() ? "chosen in the settings"
                    : "chosen in the settings, but there is no node " + chosen.get();
        } else {
            bufferNode = nodes.stream().filter(StackDetection::isControlPlane).findFirst()
                    .or(() -> nodes.stream().min(Comparator.comparing(n -> n.getMetadata().getName())));
            bufferReason = bufferNode.map(n -> isControlPlane(n)
                    ? "the control-plane node, which the worker reboot test does not restart"
                    : "no control-plane node is labelled; the first node by name").orElse("the cluster has no nodes");
        }
        List<VmAgentBuffer.Toleration> tolerations = new ArrayList<>();
        bufferNode.ifPresent(n -> {
            if (n.getSpec() != null && n.getSpec().getTaints() != null) {
                for (Taint taint : n.getSpec().getTaints()) {
                    if (!"PreferNoSchedule".equals(taint.getEffect())) {
                        tolerations.add(new VmAgentBuffer.Toleration(taint.getKey(), "Exists", null,
                                taint.getEffect()));
                    }
                }
            }
        });
        boolean k3s = nodes.stream().anyMatch(n -> n.getStatus() != null && n.getStatus().getNodeInfo() != null
                && String.valueOf(n.getStatus().getNodeInfo().getKubeletVersion()).contains("+k3s"));
        boolean ownership = !"false".equalsIgnoreCase(settings.extra(OWNERSHIP_SETTING).orElse("true"));
        return new StackDetection(storage, storageReason, bufferNode.map(n -> n.getMetadata().getName()),
                tolerations, bufferReason, port9100Holder(kube, settings.vmReleaseName()), k3s, ownership);
    }

    /** The inputs of the values, or the reason they cannot be built yet. */
    public VmStackInputs inputs(MigrationSettings settings) {
        VmAgentBuffer buffer = new VmAgentBuffer(VmAgentBuffer.DEFAULT_PATH, settings.vmagentBufferMaxDiskUsage(),
                bufferNode.orElse(null), bufferNodeTolerations);
        return new VmStackInputs(settings.vmReleaseName(), settings.monitoringNamespace(), storageClass.orElse(null),
                settings.vmsingleStorageSize(), settings.vmsingleRetention(), "30s", buffer, port9100Holder.isEmpty(),
                k3s, converterOwnership, settings.pushoverSecretName(),
                settings.extra(GRAFANA_URL_SETTING).orElse(null), PiProfile.raspberryPi5());
    }

    /** A DaemonSet (not ours) whose pods bind host port 9100: kube-prometheus-stack's node-exporter, usually. */
    static Optional<String> port9100Holder(KubernetesClient kube, String ourRelease) {
        for (DaemonSet daemonSet : kube.apps().daemonSets().inAnyNamespace().list().getItems()) {
            Map<String, String> labels = daemonSet.getMetadata().getLabels() == null ? Map.of()
                    : daemonSet.getMetadata().getLabels();
            if (ourRelease.equals(labels.get("app.kubernetes.io/instance"))) {
                continue;
            }
            var pod = daemonSet.getSpec().getTemplate().getSpec();
            boolean hostNetwork = Boolean.TRUE.equals(pod.getHostNetwork());
            for (Container container : pod.getContainers()) {
                for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of()
                        : container.getPorts()) {
                    boolean binds = Integer.valueOf(9100).equals(port.getHostPort())
                            || hostNetwork && Integer.valueOf(9100).equals(port.getContainerPort());
                    if (binds) {
                        return Optional.of("DaemonSet " + daemonSet.getMetadata().getNamespace() + "/"
                                + daemonSet.getMetadata().getName());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isDefault(StorageClass storageClass) {
        Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(DEFAULT_CLASS_ANNOTATION));
    }

    private static boolean isControlPlane(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels != null && (labels.containsKey("node-role.kubernetes.io/control-plane")
                || labels.containsKey("node-role.kubernetes.io/master"));
    }
}
