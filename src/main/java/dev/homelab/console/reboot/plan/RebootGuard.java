package dev.homelab.console.reboot.plan;

import dev.homelab.console.reboot.run.RebootLock;
import dev.homelab.console.reboot.run.RebootNamespace;
import dev.homelab.console.reboot.run.RebootPod;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard rails: reads the cluster once and answers whether rebooting a node is safe and worth it, with reasons.
 * Refuses the only control-plane node, a node when another is NotReady, while another test holds the lock, when a
 * PodDisruptionBudget would be violated, and when single-copy workloads would go down without the user accepting it.
 */
public final class RebootGuard {

    private final KubernetesClient kube;
    private final RebootLock lock;

    public RebootGuard(KubernetesClient kube, RebootLock lock) {
        this.kube = kube;
        this.lock = lock;
    }

    public RebootPlan plan(RebootSettings settings) {
        ClusterSurvey survey = ClusterSurvey.read(kube);
        List<NodeProfile> profiles = survey.profiles();
        Proposal proposal = propose(profiles);
        String node = settings.node() != null ? settings.node() : proposal.node();
        List<Refusal> refusals = new ArrayList<>();
        Optional<NodeProfile> target = profiles.stream().filter(p -> p.name().equals(node)).findFirst();
        if (node == null || target.isEmpty()) {
            refusals.add(new Refusal(Refusal.Reason.UNKNOWN_NODE, node == null ? "The cluster has no node to test."
                    : "There is no node named " + node + ". Nodes: " + profiles.stream().map(NodeProfile::name).toList()));
            return new RebootPlan(node, profiles, proposal.node(), proposal.reason(), List.of(), List.of(), refusals,
                    List.of(), settings.cordon());
        }
        NodeProfile chosen = target.get();
        checkNodes(chosen, profiles, refusals);
        lock.currentHolder().ifPresent(holder -> refusals.add(new Refusal(Refusal.Reason.TEST_RUNNING,
                "A reboot test is already running (" + holder.identity()
                        + (holder.node().isEmpty() ? "" : " on " + holder.node()) + ", lease renewed "
                        + holder.renewedAt() + "). Wait for it to finish.")));
        List<Pod> podsOnNode = survey.podsOn(node).stream().filter(p -> !isRebootMachinery(p)).toList();
        checkDisruptionBudgets(node, podsOnNode, refusals);
        List<UnreplicatedWorkload> unreplicated = unreplicated(node, podsOnNode);
        if (!unreplicated.isEmpty() && !settings.acceptDowntime()) {
            refusals.add(new Refusal(Refusal.Reason.DOWNTIME_NOT_ACCEPTED, unreplicated.size()
                    + " workload(s) have no copy on another node and will be unavailable while " + node
                    + " reboots: " + String.join(", ", unreplicated.stream().map(UnreplicatedWorkload::display).toList())
                    + ". Accept the downtime to go on (CLI: --accept-downtime)."));
        }
        return new RebootPlan(node, profiles, proposal.node(), proposal.reason(), PlacementExplanation.explain(chosen,
                profiles), unreplicated, refusals, steps(chosen, settings), settings.cordon());
    }

    private static void checkNodes(NodeProfile chosen, List<NodeProfile> profiles, List<Refusal> refusals) {
        long controlPlanes = profiles.stream().filter(NodeProfile::controlPlane).count();
        if (chosen.controlPlane() && controlPlanes <= 1) {
            refusals.add(new Refusal(Refusal.Reason.ONLY_CONTROL_PLANE, chosen.name()
                    + " is the only control-plane (k3s server) node: while it reboots there is no API server to watch "
                    + "the test, and nothing could be verified. Pick a worker."));
        }
        if (!chosen.ready()) {
            refusals.add(new Refusal(Refusal.Reason.NODE_NOT_READY, chosen.name()
                    + " is not Ready now, so a reboot could not be told apart from the trouble it already has."));
        }
        for (NodeProfile other : profiles) {
            if (!other.name().equals(chosen.name()) && !other.ready()) {
                refusals.add(new Refusal(Refusal.Reason.OTHER_NODE_NOT_READY, "Node " + other.name()
                        + " is NotReady: rebooting " + chosen.name() + " now would leave the cluster with two nodes "
                        + "down. Bring " + other.name() + " back first."));
            }
        }
    }

    private void checkDisruptionBudgets(String node, List<Pod> podsOnNode, List<Refusal> refusals) {
        for (PodDisruptionBudget pdb : kube.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems()) {
            String namespace = pdb.getMetadata().getNamespace();
            long affected = podsOnNode.stream()
                    .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                    .filter(p -> LabelSelectors.matches(pdb.getSpec().getSelector(), p.getMetadata().getLabels()))
                    .count();
            if (affected == 0) {
                continue;
            }
            int allowed = pdb.getStatus() == null || pdb.getStatus().getDisruptionsAllowed() == null ? 0
                    : pdb.getStatus().getDisruptionsAllowed();
            if (affected > allowed) {
                refusals.add(new Refusal(Refusal.Reason.DISRUPTION_BUDGET, "PodDisruptionBudget " + namespace + "/"
                        + pdb.getMetadata().getName() + " allows " + allowed + " disruption(s) now, but " + affected
                        + " of its pods run on " + node + ". Scale the workload up or wait until its pods are healthy."));
            }
        }
    }

    /** Workloads whose every running pod is on the node (DaemonSets excluded: they are per node by design). */
    private List<UnreplicatedWorkload> unreplicated(String node, List<Pod> podsOnNode) {
        Map<String, UnreplicatedWorkload> candidates = new LinkedHashMap<>();
        for (Pod pod : podsOnNode) {
            if (ClusterSurvey.isDaemonSetPod(pod) || isMirrorPod(pod)) {
                continue;
            }
            Optional<OwnerReference> owner = ClusterSurvey.owner(pod);
            if (owner.isPresent() && owner.get().getKind().equals("Job")) {
                continue;
            }
            UnreplicatedWorkload workload = workloadOf(pod, owner);
            candidates.putIfAbsent(workload.display(), workload);
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        for (Pod pod : kube.pods().inAnyNamespace().list().getItems()) {
            if (pod.getSpec() == null || node.equals(pod.getSpec().getNodeName()) || pod.getSpec().getNodeName() == null
                    || !"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
                continue;
            }
            candidates.remove(workloadOf(pod, ClusterSurvey.owner(pod)).display());
        }
        return List.copyOf(candidates.values());
    }

    private UnreplicatedWorkload workloadOf(Pod pod, Optional<OwnerReference> owner) {
        String namespace = pod.getMetadata().getNamespace();
        String podName = pod.getMetadata().getName();
        if (owner.isEmpty()) {
            return new UnreplicatedWorkload(namespace, "Pod", podName, podName);
        }
        OwnerReference ref = owner.get();
        if (ref.getKind().equals("ReplicaSet")) {
            ReplicaSet rs = kube.apps().replicaSets().inNamespace(namespace).withName(ref.getName()).get();
            if (rs != null && rs.getMetadata().getOwnerReferences() != null) {
                for (OwnerReference rsOwner : rs.getMetadata().getOwnerReferences()) {
                    if (rsOwner.getKind().equals("Deployment")) {
                        return new UnreplicatedWorkload(namespace, "Deployment", rsOwner.getName(), podName);
                    }
                }
            }
            if (rs == null) {
                return new UnreplicatedWorkload(namespace, "Deployment", deploymentNameOf(ref.getName()), podName);
            }
        }
        return new UnreplicatedWorkload(namespace, ref.getKind(), ref.getName(), podName);
    }

    /** A ReplicaSet that is gone still names its Deployment: {@code <deployment>-<pod-template-hash>}. */
    private static String deploymentNameOf(String replicaSet) {
        int dash = replicaSet.lastIndexOf('-');
        return dash > 0 ? replicaSet.substring(0, dash) : replicaSet;
    }

    private static boolean isMirrorPod(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey("kubernetes.io/config.mirror");
    }

    private static boolean isRebootMachinery(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return RebootNamespace.NAME.equals(pod.getMetadata().getNamespace()) && labels != null
                && RebootPod.APP_LABEL.equals(labels.get("app.kubernetes.io/name"));
    }

    private static List<String> steps(NodeProfile node, RebootSettings settings) {
        List<String> steps = new ArrayList<>();
        steps.add("Take the lock (Lease " + RebootNamespace.NAME + "/" + RebootLock.NAME + ") so no other test runs.");
        steps.add("Record " + node.name() + "'s boot ID (" + (node.bootId().isEmpty() ? "unknown" : node.bootId())
                + ") and the state of vmagent's queue and Vector's buffer.");
        steps.add(settings.cordon() ? "Cordon " + node.name() + " (no new pods; nothing is drained or evicted)."
                : "Leave " + node.name() + " schedulable (no cordon).");
        steps.add("Create pod " + RebootNamespace.NAME + "/" + RebootPod.name(node.name()) + " (" + RebootPod.IMAGE
                + ", privileged, host PID, pinned to " + node.name() + ") running: " + String.join(" ", RebootPod.COMMAND));
        steps.add("Watch the node and its pods: NotReady (if seen), new boot ID, Ready again, agent pods Ready, "
                + "targets up — up to " + settings.timeout().toMinutes() + " min.");
        steps.add("Delete the reboot pod" + (settings.cordon() ? ", uncordon " + node.name() : "")
                + " and release the lock — also when the node does not come back or you cancel.");
        steps.add("Analyse raw samples in VictoriaMetrics (nocache), vmagent's queue, Loki line counts and Vector's "
                + "buffer; write the verdicts and an HTML report.");
        return steps;
    }

    private static Proposal propose(List<NodeProfile> profiles) {
        NodeProfile best = null;
        int bestScore = Integer.MIN_VALUE;
        for (NodeProfile node : profiles) {
            int score = score(node);
            if (score > bestScore) {
                best = node;
                bestScore = score;
            }
        }
        if (best == null) {
            return new Proposal(null, "");
        }
        return new Proposal(best.name(), PlacementExplanation.proposalReason(best));
    }

    private static int score(NodeProfile node) {
        int score = 0;
        if (node.controlPlane()) {
            score -= 10;
        }
        if (!node.ready()) {
            score -= 100;
        }
        if (node.hostsSingle(MonitoringComponent.VMSINGLE)) {
            score += 4;
        }
        if (node.hostsSingle(MonitoringComponent.LOKI)) {
            score += 3;
        }
        if (node.hostsSingle(MonitoringComponent.VMAGENT)) {
            score -= 6;
        }
        return score;
    }

    private record Proposal(String node, String reason) {
    }
}
