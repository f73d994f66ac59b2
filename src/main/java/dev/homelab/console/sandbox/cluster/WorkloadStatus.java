package dev.homelab.console.sandbox.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.List;

/** Keeps a workload's status counters (replicas, ready, available) in line with its pods, like the controllers. */
public final class WorkloadStatus {

    private WorkloadStatus() {
    }

    static DeploymentStatus deployment(int desired, int total, int ready, Instant now) {
        String t = now.toString();
        boolean available = ready >= desired;
        return new DeploymentStatusBuilder().withReplicas(total).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withUpdatedReplicas(total).withUnavailableReplicas(total - ready)
                .withObservedGeneration(1L)
                .withConditions(new DeploymentConditionBuilder().withType("Available")
                        .withStatus(available ? "True" : "False")
                        .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .withMessage(available ? "Deployment has minimum availability."
                                : "Deployment does not have minimum availability.")
                        .withLastUpdateTime(t).withLastTransitionTime(t).build())
                .build();
    }

    static ReplicaSetStatus replicaSet(int total, int ready) {
        return new ReplicaSetStatusBuilder().withReplicas(total).withReadyReplicas(ready)
                .withAvailableReplicas(ready).withFullyLabeledReplicas(total).withObservedGeneration(1L).build();
    }

    static StatefulSetStatus statefulSet(int total, int ready) {
        return new StatefulSetStatusBuilder().withReplicas(total).withReadyReplicas(ready)
                .withCurrentReplicas(total).withUpdatedReplicas(total).withAvailableReplicas(ready)
                .withObservedGeneration(1L).build();
    }

    static DaemonSetStatus daemonSet(int total, int scheduled, int ready) {
        return new DaemonSetStatusBuilder().withDesiredNumberScheduled(total)
                .withCurrentNumberScheduled(scheduled).withNumberReady(ready).withNumberAvailable(ready)
                .withNumberUnavailable(total - ready).withUpdatedNumberScheduled(total)
                .withNumberMisscheduled(0).withObservedGeneration(1L).build();
    }

    /** Refreshes the owner of these pods (and the Deployment above a ReplicaSet). */
    public static void refresh(KubernetesClient kube, HasMetadata owner) {
        String ns = owner.getMetadata().getNamespace();
        List<Pod> pods = kube.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> ownedBy(p, owner.getMetadata().getUid())).toList();
        int total = pods.size();
        int ready = (int) pods.stream().filter(PodFactory::isReady).count();
        int scheduled = (int) pods.stream().filter(p -> p.getSpec().getNodeName() != null).count();
        String name = owner.getMetadata().getName();
        if (owner instanceof ReplicaSet rs) {
            kube.apps().replicaSets().inNamespace(ns).withName(name).editStatus(r -> {
                r.setStatus(replicaSet(total, ready));
                return r;
            });
            rs.getMetadata().getOwnerReferences().stream().filter(o -> "Deployment".equals(o.getKind()))
                    .findFirst().ifPresent(o -> refreshDeployment(kube, ns, o.getName(), total, ready));
        } else if (owner instanceof StatefulSet) {
            kube.apps().statefulSets().inNamespace(ns).withName(name).editStatus(s -> {
                s.setStatus(statefulSet(total, ready));
                return s;
            });
        } else if (owner instanceof DaemonSet) {
            kube.apps().daemonSets().inNamespace(ns).withName(name).editStatus(d -> {
                d.setStatus(daemonSet(total, scheduled, ready));
                return d;
            });
        }
    }

    private static void refreshDeployment(KubernetesClient kube, String ns, String name, int total, int ready) {
        kube.apps().deployments().inNamespace(ns).withName(name).editStatus(d -> {
            int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            d.setStatus(deployment(desired, total, ready, Instant.now()));
            return d;
        });
    }

    /** The workload object that controls this pod (ReplicaSet, StatefulSet or DaemonSet), if it still exists. */
    public static HasMetadata ownerOf(KubernetesClient kube, Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return null;
        }
        OwnerReference ref = refs.get(0);
        String ns = pod.getMetadata().getNamespace();
        return switch (ref.getKind()) {
            case "ReplicaSet" -> kube.apps().replicaSets().inNamespace(ns).withName(ref.getName()).get();
            case "StatefulSet" -> kube.apps().statefulSets().inNamespace(ns).withName(ref.getName()).get();
            case "DaemonSet" -> kube.apps().daemonSets().inNamespace(ns).withName(ref.getName()).get();
            default -> null;
        };
    }

    private static boolean ownedBy(Pod pod, String uid) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> uid != null && uid.equals(r.getUid()));
    }
}
