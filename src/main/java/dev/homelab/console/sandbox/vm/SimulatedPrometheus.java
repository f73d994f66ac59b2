package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.time.Duration;
import java.util.Map;

/**
 * kube-prometheus-stack's Prometheus (port 9090) as it runs before the migration: the same read API over a scrape
 * history of its own (kubelet and node-exporter per node since the lab started), {@code /-/healthy}, {@code /-/ready}.
 */
public final class SimulatedPrometheus implements SimulatedService {

    private final ScrapeModel model;
    private final PromApiSimulation api;
    private final UsageHistory usage;

    public SimulatedPrometheus(SandboxWorld world) {
        VmLab lab = VmLab.of(world);
        this.model = new ScrapeModel(world.clock(), world.clock().instant().minus(Duration.ofDays(2)),
                Duration.ofSeconds(30), lab::targetsBeforeMigration, () -> null, false);
        this.usage = new UsageHistory(world);
        this.api = new PromApiSimulation(new UpSeries(model, Map.of("prometheus",
                "monitoring/kube-prometheus-stack-prometheus")), false);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/-/healthy") || path.equals("/-/ready")) {
            return SimHttp.text(200, "Prometheus Server is " + (path.endsWith("ready") ? "Ready." : "Healthy."));
        }
        MockResponse history = usage.dispatch(request);
        if (history != null) {
            return history;
        }
        MockResponse answer = api.dispatch(request, model.now());
        return answer != null ? answer : SimHttp.notFound(request);
    }
}
