package dev.homelab.console.sandbox;

import dev.homelab.console.sandbox.cluster.Names;
import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.cluster.PodLifecycle;
import dev.homelab.console.sandbox.cluster.WorkloadInstaller;
import dev.homelab.console.sandbox.cluster.WorkloadSpec;
import dev.homelab.console.sandbox.scenario.Faults;
import dev.homelab.console.sandbox.scenario.MinioSpec;
import dev.homelab.console.sandbox.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/** The running lab as simulations see it. */
final class LabWorld implements SandboxWorld {

    private final KubernetesClient kube;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Scenario scenario;
    private final WorkloadInstaller installer;
    private final PodLifecycle pods;
    private final double timeScale;
    private volatile NodeControl nodeControl;

    LabWorld(KubernetesClient kube, Clock clock, ScheduledExecutorService scheduler, Scenario scenario,
             double timeScale) {
        this.kube = kube;
        this.timeScale = timeScale;
        this.clock = clock;
        this.scheduler = scheduler;
        this.scenario = scenario;
        this.installer = new WorkloadInstaller(kube, clock, new Names(scenario.name().hashCode()));
        this.pods = new PodLifecycle(kube, clock, installer, pod -> !neverReady(profileOf(pod)));
    }

    @Override
    public KubernetesClient kube() {
        return kube;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Set<String> faults() {
        return scenario.faults().names();
    }

    @Override
    public double timeScale() {
        return timeScale;
    }

    @Override
    public NodeControl nodes() {
        if (nodeControl == null) {
            throw new IllegalStateException("The lab's nodes are not running yet");
        }
        return nodeControl;
    }

    @Override
    public MinioSpec minio() {
        MinioSpec spec = scenario.minio();
        return new MinioSpec(spec.accessKey(), spec.secretKey(), spec.buckets().stream()
                .filter(b -> !scenario.faults().missingBuckets().contains(b.name())).toList());
    }

    void setNodeControl(NodeControl control) {
        this.nodeControl = control;
    }

    Scenario scenario() {
        return scenario;
    }

    Faults scenarioFaults() {
        return scenario.faults();
    }

    WorkloadInstaller installer() {
        return installer;
    }

    PodLifecycle pods() {
        return pods;
    }

    /** Pods that a fault keeps from ever becoming Ready (Loki down). */
    boolean neverReady(WorkloadSpec spec) {
        return neverReady(spec.profile());
    }

    private boolean neverReady(String profile) {
        return scenario.faults().lokiDown() && "loki".equals(profile);
    }

    private static String profileOf(Pod pod) {
        return pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(PodFactory.PROFILE_ANNOTATION);
    }
}
