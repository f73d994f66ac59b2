package dev.homelab.console.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.function.Predicate;

/** The kubelet's part: bringing a bound pod's containers up, and restarting them after a node reboot. */
public final class PodLifecycle {

    private final KubernetesClient kube;
    private final Clock clock;
    private final WorkloadInstaller installer;
    private final Predicate<Pod> mayStart;

    /** {@code mayStart}: false for pods a scenario fault keeps from ever becoming Ready (Loki down). */
    public PodLifecycle(KubernetesClient kube, Clock clock, WorkloadInstaller installer, Predicate<Pod> mayStart) {
        this.mayStart = mayStart;
        this.kube = kube;
        this.clock = clock;
        this.installer = installer;
    }

    /**
     * Marks the pod's containers Running and Ready (restartCount {@code restarts}) if its node is Ready; returns
     * false when the pod is gone or its node is down (a kubelet that is not running starts nothing).
     */
    public boolean markReady(String namespace, String name, int restarts) {
        Pod pod = kube.pods().inNamespace(namespace).withName(name).get();
        if (pod == null || pod.getSpec().getNodeName() == null) {
            return false;
        }
        Node node = kube.nodes().withName(pod.getSpec().getNodeName()).get();
        if (node == null || !NodeFactory.isReady(node) || !mayStart.test(pod)) {
            return false;
        }
        String hostIp = pod.getStatus().getHostIP();
        String podIp = pod.getStatus().getPodIP();
        pod.setStatus(PodFactory.running(pod, hostIp, podIp, clock.instant(), restarts));
        kube.resource(pod).updateStatus();
        afterChange(pod);
        return true;
    }

    /** Containers stopped (node going down, restart): Ready false, waiting to be started again. */
    public void markNotReady(Pod pod) {
        pod.setStatus(PodFactory.starting(pod, pod.getStatus().getHostIP(), pod.getStatus().getPodIP(),
                clock.instant(), restartCount(pod)));
        kube.resource(pod).updateStatus();
        afterChange(pod);
    }

    public static int restartCount(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return 0;
        }
        Integer count = pod.getStatus().getContainerStatuses().get(0).getRestartCount();
        return count == null ? 0 : count;
    }

    private void afterChange(Pod pod) {
        var owner = WorkloadStatus.ownerOf(kube, pod);
        if (owner != null) {
            WorkloadStatus.refresh(kube, owner);
        }
        installer.syncEndpoints(pod.getMetadata().getNamespace());
    }
}
