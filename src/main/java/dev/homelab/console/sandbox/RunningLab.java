package dev.homelab.console.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Everything a running lab owns; closing it stops the simulations, the simulation's client and the mock server. */
final class RunningLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningLab.class);

    private final LabWorld world;
    private final KubernetesMockServer server;
    private final ScheduledExecutorService scheduler;
    private final List<AutoCloseable> parts = new ArrayList<>();

    RunningLab(LabWorld world, KubernetesMockServer server, ScheduledExecutorService scheduler) {
        this.world = world;
        this.server = server;
        this.scheduler = scheduler;
    }

    LabWorld world() {
        return world;
    }

    /** The lab's API server, for tests and benchmarks that count what the app asks of it. */
    KubernetesMockServer server() {
        return server;
    }

    void own(AutoCloseable part) {
        parts.add(part);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (int i = parts.size() - 1; i >= 0; i--) {
            AutoCloseable part = parts.get(i);
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Stopping sandbox part {} failed", part, e);
            }
        }
        world.kube().close();
        server.destroy();
    }
}
