package dev.homelab.console.migration;

import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Waits, bounded and cancellable, until the pods of a workload are Ready, reporting each pod (node, phase, the
 * reason it is not ready yet) as it goes. Used after a Helm install to show per-pod progress.
 */
public final class PodRollout {

    private static final Duration POLL = Duration.ofSeconds(2);

    private final KubernetesClient kube;
    private final Clock clock;

    public PodRollout(KubernetesClient kube, Clock clock) {
        this.kube = kube;
        this.clock = clock;
    }

    /** One pod as the wait sees it. */
    public record PodStatus(String name, String node, boolean ready, String detail) {
        @Override
        public String toString() {
            return name + (node == null ? "" : " on " + node) + ": " + (ready ? "Ready" : detail);
        }
    }

    /**
     * Waits until at least {@code expected} pods matching {@code labels} exist in {@code namespace} and all are Ready.
     *
     * @return the final status of every pod
     * @throws StepFailedException when {@code timeout} passes, naming each pod that is not ready and why
     */
    public List<PodStatus> awaitReady(String stepId, String namespace, Map<String, String> labels, int expected,
                                      Duration timeout, Progress progress) {
        Instant deadline = clock.instant().plus(timeout);
        String lastReport = "";
        while (true) {
            progress.checkCancelled();
            List<PodStatus> pods = kube.pods().inNamespace(namespace).withLabels(labels).list().getItems().stream()
                    .map(PodRollout::status).toList();
            long ready = pods.stream().filter(PodStatus::ready).count();
            int total = Math.max(expected, pods.size());
            String report = pods.stream().map(PodStatus::toString).collect(Collectors.joining("; "));
            progress.update(ready + "/" + total + " pods ready in " + namespace, total == 0 ? -1 : (double) ready / total);
            if (!report.equals(lastReport)) {
                pods.forEach(p -> progress.log(p.toString()));
                lastReport = report;
            }
            if (pods.size() >= expected && ready == pods.size() && !pods.isEmpty()) {
                return pods;
            }
            if (!clock.instant().isBefore(deadline)) {
                String missing = pods.stream().filter(p -> !p.ready()).map(PodStatus::toString)
                        .collect(Collectors.joining("; "));
                throw new StepFailedException(stepId, "Timed out after " + timeout.toSeconds() + " s waiting for "
                        + total + " pods " + labels + " in " + namespace + " to be Ready (" + ready + " ready"
                        + (missing.isEmpty() ? ", " + (expected - pods.size()) + " not created yet" : "; " + missing)
                        + "). Look at the pods' events (kubectl describe pod -n " + namespace + ") and retry.", null);
            }
            sleep(progress);
        }
    }

    static PodStatus status(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        var status = pod.getStatus();
        if (status == null) {
            return new PodStatus(pod.getMetadata().getName(), node, false, "no status yet");
        }
        boolean ready = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        String detail = status.getPhase() == null ? "Pending" : status.getPhase();
        if (!ready && status.getContainerStatuses() != null) {
            for (ContainerStatus container : status.getContainerStatuses()) {
                if (container.getState() != null && container.getState().getWaiting() != null) {
                    detail = container.getName() + " " + container.getState().getWaiting().getReason();
                    break;
                }
            }
        }
        if (!ready && status.getConditions() != null) {
            for (PodCondition condition : status.getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    detail = "unschedulable: " + condition.getMessage();
                }
            }
        }
        return new PodStatus(pod.getMetadata().getName(), node, ready, detail);
    }

    private static void sleep(Progress progress) {
        long until = System.nanoTime() + POLL.toNanos();
        while (System.nanoTime() < until) {
            progress.checkCancelled();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.homelab.console.task.CancelledException();
            }
        }
    }
}
