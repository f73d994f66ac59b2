package dev.homelab.console.testing;

import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepOutputs;
import dev.homelab.console.migration.TestConsoles;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A small home lab around fabric8's mock server, for tests that need the sandbox's simulations or a migration step
 * without starting a whole sandbox: the {@link SandboxWorld} the simulations see (the mock cluster, the clock, a
 * scheduler, faults), HTTP servers on 127.0.0.1 that answer with a simulation, the nodes and pods the simulations
 * look at, and step contexts over the mock cluster. Close it after the test (stops the scheduler and the servers).
 */
public final class MockServerLab implements SandboxWorld, AutoCloseable {

    private final KubernetesClient kube;
    private final Set<String> faults;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<MockWebServer> servers = new CopyOnWriteArrayList<>();

    public MockServerLab(KubernetesClient kube) {
        this(kube, Set.of());
    }

    public MockServerLab(KubernetesClient kube, Set<String> faults) {
        this.kube = kube;
        this.faults = Set.copyOf(faults);
    }

    @Override
    public KubernetesClient kube() {
        return kube;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Set<String> faults() {
        return faults;
    }

    /** Serves {@code simulation} on 127.0.0.1 (random port) until {@link #close}; returns its base URL (no path). */
    public URI serve(SimulatedService simulation) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return simulation.dispatch(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** A Raspberry Pi node (arm64), the k3s server when {@code controlPlane}. */
    public MockServerLab node(String name, boolean controlPlane, boolean ready) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/arch", "arm64").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus();
        if (controlPlane) {
            node.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "true").endMetadata();
        }
        kube.nodes().resource(node.build()).createOr(existing -> existing.update());
        return this;
    }

    /**
     * A Running pod of {@code app} on {@code node}; {@code profile} (or null) is the sandbox usage profile the
     * simulations recognise workloads by ("vector", "alloy", "vmsingle"…).
     */
    public MockServerLab pod(String namespace, String name, String node, String app, String container,
                             String profile) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .addToLabels("app.kubernetes.io/name", app).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName(container).withImage(app + ":1")
                .endContainer().endSpec().withNewStatus().withPhase("Running").endStatus();
        if (profile != null) {
            pod.editMetadata().addToAnnotations("sandbox.homelab.dev/profile", profile).endMetadata();
        }
        kube.pods().inNamespace(namespace).resource(pod.build()).create();
        return this;
    }

    /**
     * The context a migration step runs with over this mock cluster: default settings plus {@code settings} as
     * step settings, no secrets, no Helm releases, no other step's outputs.
     */
    public StepContext stepContext(Path home, String stepId, Map<String, String> settings) {
        return stepContext(home, stepId, new FakeReleaseManager(), settings);
    }

    /** As {@link #stepContext(Path, String, Map)}, with the releases {@code releases} holds. */
    public StepContext stepContext(Path home, String stepId, ReleaseManager releases, Map<String, String> settings) {
        MigrationSettings configured = MigrationSettings.defaults();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            configured = configured.withExtra(setting.getKey(), setting.getValue());
        }
        return new StepContext(TestConsoles.console(kube, releases, home, Map.of()), configured,
                SecretsProvider.fromLookup(k -> null), new StepOutputs() {
                    @Override
                    public Optional<String> get(String fromStepId, String key) {
                        return Optional.empty();
                    }

                    @Override
                    public void put(String fromStepId, String key, String value) {
                    }
                }, stepId);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        servers.forEach(MockWebServer::close);
    }
}
