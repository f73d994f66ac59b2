package dev.homelab.console.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Job controller the mock API server lacks, for the console's own Jobs (label {@code homelab-console/job}): each
 * gets one pod on a node, which runs for a few seconds and succeeds; then the Job reports {@code succeeded: 1}.
 * The work inside (vmctl's copy) is not simulated: nothing claims samples were copied.
 */
final class JobSimulator implements AutoCloseable {

    static final String LABEL = "homelab-console/job";
    static final Duration RUN_TIME = Duration.ofSeconds(3);

    private final KubernetesClient kube;
    private final ScheduledFuture<?> ticks;

    JobSimulator(LabWorld world) {
        this.kube = world.kube();
        this.ticks = world.scheduler().scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            for (Job job : kube.batch().v1().jobs().inAnyNamespace().withLabel(LABEL).list().getItems()) {
                if (job.getStatus() != null && job.getStatus().getSucceeded() != null) {
                    continue;
                }
                step(job);
            }
        } catch (RuntimeException e) {
            // the lab may be closing; the next tick tries again
        }
    }

    private void step(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String podName = job.getMetadata().getName() + "-sim";
        Pod pod = kube.pods().inNamespace(namespace).withName(podName).get();
        Instant now = Instant.now();
        if (pod == null) {
            String node = kube.nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                    .filter(n -> n.contains("worker")).findFirst()
                    .orElse(kube.nodes().list().getItems().get(0).getMetadata().getName());
            kube.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(podName)
                    .withNamespace(namespace).withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                    .withSpec(job.getSpec().getTemplate().getSpec()).editSpec().withNodeName(node).endSpec()
                    .withNewStatus().withPhase("Running").withStartTime(now.toString()).endStatus().build()).create();
            job.setStatus(new JobStatusBuilder().withActive(1).withStartTime(now.toString()).build());
            kube.resource(job).updateStatus();
            return;
        }
        Instant started = Instant.parse(pod.getStatus().getStartTime());
        if (Duration.between(started, now).compareTo(RUN_TIME) >= 0) {
            pod.getStatus().setPhase("Succeeded");
            kube.resource(pod).updateStatus();
            job.setStatus(new JobStatusBuilder().withSucceeded(1).withActive(0).withStartTime(started.toString())
                    .withCompletionTime(now.toString()).build());
            kube.resource(job).updateStatus();
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
    }
}
