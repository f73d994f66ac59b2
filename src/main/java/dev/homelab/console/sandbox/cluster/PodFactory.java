package dev.homelab.console.sandbox.cluster;

import dev.homelab.console.sandbox.cluster.WorkloadSpec.ContainerSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Pods and their status as the kubelet reports them: scheduled and starting, Running and Ready, or Pending. */
public final class PodFactory {

    /** Which usage profile the sandbox's usage simulation applies to a pod (invisible to the app's grouping). */
    public static final String PROFILE_ANNOTATION = "sandbox.homelab.dev/profile";

    private PodFactory() {
    }

    public static Pod pod(WorkloadSpec spec, String namespace, String podName, Map<String, String> labels,
                          Map<String, String> annotations, OwnerReference owner) {
        List<Container> containers = new ArrayList<>();
        for (ContainerSpec c : spec.containers()) {
            ContainerBuilder container = new ContainerBuilder().withName(c.name()).withImage(c.image())
                    .withArgs(c.args()).withImagePullPolicy("IfNotPresent");
            for (ContainerSpec.Port p : c.ports()) {
                ContainerPortBuilder port = new ContainerPortBuilder().withName(p.name())
                        .withContainerPort(p.containerPort()).withProtocol("TCP");
                if (p.hostPort() > 0) {
                    port.withHostPort(p.hostPort());
                }
                container.addToPorts(port.build());
            }
            c.env().forEach((key, value) -> container.addNewEnv().withName(key).withValue(value).endEnv());
            containers.add(container.build());
        }
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).withOwnerReferences(owner == null ? List.of() : List.of(owner)).endMetadata()
                .withNewSpec().withContainers(containers).withHostNetwork(spec.hostNetwork() ? true : null)
                .withNodeSelector(spec.nodeSelector().isEmpty() ? null : spec.nodeSelector())
                .withVolumes(spec.volumes()).withRestartPolicy("Always").withSchedulerName("default-scheduler")
                .withServiceAccountName(spec.name()).withTerminationGracePeriodSeconds(30L)
                .withTolerations(
                        new TolerationBuilder().withKey("node.kubernetes.io/not-ready").withOperator("Exists")
                                .withEffect("NoExecute").withTolerationSeconds(300L).build(),
                        new TolerationBuilder().withKey("node.kubernetes.io/unreachable").withOperator("Exists")
                                .withEffect("NoExecute").withTolerationSeconds(300L).build())
                .endSpec();
        return pod.build();
    }

    /** Bound to a node, containers still being created. */
    public static PodStatus starting(Pod pod, String hostIp, String podIp, Instant now, int restarts) {
        return status(pod, hostIp, podIp, now, false, restarts, "Pending");
    }

    public static PodStatus running(Pod pod, String hostIp, String podIp, Instant now, int restarts) {
        return status(pod, hostIp, podIp, now, true, restarts, "Running");
    }

    /** The scheduler found no node: Pending with the scheduler's message ("didn't have free ports ..."). */
    public static PodStatus unschedulable(String message, Instant now) {
        return new PodStatusBuilder().withPhase("Pending").withQosClass("BestEffort")
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                        .withReason("Unschedulable").withMessage(message)
                        .withLastTransitionTime(now.toString()).build())
                .build();
    }

    private static PodStatus status(Pod pod, String hostIp, String podIp, Instant now, boolean ready, int restarts,
                                    String phase) {
        String t = now.toString();
        List<PodCondition> conditions = List.of(
                condition("PodReadyToStartContainers", "True", t), condition("Initialized", "True", t),
                condition("Ready", ready ? "True" : "False", t), condition("ContainersReady", ready ? "True" : "False", t),
                condition("PodScheduled", "True", t));
        List<ContainerStatus> statuses = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                    .withImageID(c.getImage() + "@sha256:" + randomHex(32)).withReady(ready).withStarted(ready)
                    .withRestartCount(restarts);
            if (ready) {
                status.withContainerID("containerd://" + randomHex(32)).withNewState().withNewRunning()
                        .withStartedAt(t).endRunning().endState();
            } else {
                status.withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState();
            }
            statuses.add(status.build());
        }
        return new PodStatusBuilder().withPhase(phase).withHostIP(hostIp).withPodIP(podIp)
                .addNewPodIP(podIp).addNewHostIP(hostIp)
                .withStartTime(t).withQosClass("Burstable").withConditions(conditions)
                .withContainerStatuses(statuses).build();
    }

    public static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static PodCondition condition(String type, String status, String time) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(time).build();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
