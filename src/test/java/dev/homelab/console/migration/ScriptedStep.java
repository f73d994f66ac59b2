package dev.homelab.console.migration;

import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test step whose effect is a ConfigMap {@code default/<id>} and, optionally, a Helm release; its behaviour on apply
 * is scripted: succeed, throw, die (an Error standing for the process dying), or wait until cancelled.
 */
final class ScriptedStep implements MigrationStep {

    enum OnApply { SUCCEED, THROW, DIE, WAIT_FOR_CANCEL, HELM_INSTALL }

    /** Stands for the JVM dying mid-step: the engine must not catch it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private final String id;
    private final int phase;
    final List<PreflightCheck> preflight = new ArrayList<>();
    volatile OnApply onApply = OnApply.SUCCEED;
    final AtomicInteger applyCalls = new AtomicInteger();
    final CountDownLatch applyStarted = new CountDownLatch(1);

    ScriptedStep(String id, int phase) {
        this.id = id;
        this.phase = phase;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return "Scripted " + id;
    }

    @Override
    public int phase() {
        return phase;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        return preflight;
    }

    @Override
    public boolean isDone(StepContext context) {
        return context.kube().configMaps().inNamespace("default").withName(id).get() != null;
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<PlannedChange> changes = new ArrayList<>();
        if (onApply == OnApply.HELM_INSTALL) {
            changes.add(HelmPlans.installOrUpgrade(context, request(), "test release"));
        }
        changes.add(HelmPlans.object(context, "ConfigMap", "default", id, null, Map.of("data", Map.of("k", "v")),
                "marker"));
        return StepPlan.of(id, "creates ConfigMap default/" + id, changes);
    }

    ReleaseRequest request() {
        return new ReleaseRequest("rel-" + id, "default", new ChartRef("repo", URI.create("http://127.0.0.1/"),
                "chart", "1.0.0"), Map.of("password", "hunter22", "replicas", 1), true, Duration.ofSeconds(5));
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        applyCalls.incrementAndGet();
        applyStarted.countDown();
        context.putOutput("marker", "default/" + id);
        switch (onApply) {
            case THROW -> throw new IllegalStateException("scripted failure of " + id);
            case DIE -> throw new SimulatedCrash();
            case WAIT_FOR_CANCEL -> {
                while (true) {
                    progress.checkCancelled();
                    Thread.sleep(10);
                }
            }
            case HELM_INSTALL -> context.releases().installOrUpgrade(request(), progress);
            case SUCCEED -> {
            }
        }
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName(id).withNamespace("default").endMetadata()
                .addToData("k", "v").build();
        context.kube().resource(map).create();
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        ConfigMap map = context.kube().configMaps().inNamespace("default").withName(id).get();
        return List.of(map == null
                ? CheckResult.failed(id + ".marker", "Marker present", "ConfigMap default/" + id + " is missing",
                List.of(new Evidence("GET configmaps/default/" + id, "404")))
                : CheckResult.passed(id + ".marker", "Marker present", "ConfigMap default/" + id + " exists",
                List.of(new Evidence("GET configmaps/default/" + id, "data " + map.getData()))));
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        context.kube().configMaps().inNamespace("default").withName(id).delete();
        if (context.releases().get("default", "rel-" + id).isPresent()) {
            context.releases().uninstall("default", "rel-" + id, progress);
        }
    }
}
