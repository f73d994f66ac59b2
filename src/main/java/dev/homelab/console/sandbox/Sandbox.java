package dev.homelab.console.sandbox;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.sandbox.api.PortForwardSimulation;
import dev.homelab.console.sandbox.api.SandboxApiDispatcher;
import dev.homelab.console.sandbox.charts.ChartCatalog;
import dev.homelab.console.sandbox.scenario.Scenario;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import dev.homelab.console.sandbox.usage.UsageModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the simulated home lab: fabric8's mock API server in CRUD mode on 127.0.0.1 (plain HTTP) behind the
 * sandbox dispatcher, the lab the scenario describes, and its simulations. The app talks to it with a client built
 * from a kubeconfig-equivalent {@link Config}, exactly like a real cluster.
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    /** The mock server logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger(MockWebServer.class.getName());

    private Sandbox() {
    }

    /** Starts the lab of the scenario file, or the built-in default lab; timing overrides from system properties. */
    public static SandboxLab start(Optional<Path> scenarioFile, AppDirs dirs) {
        Scenario scenario = scenarioFile.map(Sandbox::scenario).orElseGet(ScenarioLoader::loadDefault);
        return start(scenario, SandboxOptions.fromSystemProperties());
    }

    /** A scenario file, or a built-in scenario by name ("migrated", "lossy-buffer", ...) when no such file exists. */
    private static Scenario scenario(Path fileOrName) {
        if (!java.nio.file.Files.exists(fileOrName) && isBuiltInName(fileOrName.toString())) {
            return ScenarioLoader.loadBuiltIn(fileOrName.toString());
        }
        return ScenarioLoader.load(fileOrName);
    }

    public static boolean isBuiltInName(String name) {
        return ScenarioLoader.builtInNames().contains(name);
    }

    public static SandboxLab start(Scenario scenario, SandboxOptions options) {
        long begin = System.nanoTime();
        Scenario timed = scenario.withTiming(options.tick().map(t -> scenario.timing().withTick(t))
                .orElse(scenario.timing()).scaled(options.timeScale()));
        Thread warmUp = new Thread(Sandbox::warmUpModel, "sandbox-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        SandboxApiDispatcher dispatcher = new SandboxApiDispatcher(new KubernetesMixedDispatcher(responses),
                timed.k3sVersion(),
                (verb, group, resource, sub, ns) -> timed.faults().rbacDenials().stream()
                        .noneMatch(d -> d.matches(verb, group, resource, ns)),
                () -> !timed.faults().noMetricsServer());
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
                new MockWebServer(), responses, dispatcher, false);
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        server.init(InetAddress.getLoopbackAddress(), 0);
        long serverUp = System.nanoTime();
        String url = "http://127.0.0.1:" + server.getPort();
        ScheduledExecutorService scheduler = scheduler();
        LabWorld world = new LabWorld(client(url), Clock.systemUTC(), scheduler, timed,
                options.timeScale());
        RunningLab running = new RunningLab(world, server, scheduler);
        try {
            ChartCatalog catalog = new ChartCatalog();
            ReleaseDeployer deployer = new ReleaseDeployer(world);
            new LabBuilder(world, catalog, deployer).build();
            NodeSimulator nodes = new NodeSimulator(world);
            world.setNodeControl(nodes);
            running.own(new RebootPodWatcher(world));
            dev.homelab.console.sandbox.vm.VmLab.startWithScenarioStack(world);
            running.own(new JobSimulator(world));
            UsageModel usage = new UsageModel(world.kube(), world.clock(), timed, nodes::isUp);
            usage.tick();
            dispatcher.setMetricsSource(usage);
            long tick = timed.timing().tick().toMillis();
            scheduler.scheduleAtFixedRate(usage::tick, tick, tick, TimeUnit.MILLISECONDS);
            KubernetesClient appClient = client(url);
            String clusterId = appClient.namespaces().withName("kube-system").get().getMetadata().getUid();
            SandboxServiceAccess services = new SandboxServiceAccess(world);
            dispatcher.setPortForward(new PortForwardSimulation(world.kube(), ref -> services.open(ref).baseUri()));
            ClusterSession session = new ClusterSession(appClient,
                    new ClusterIdentity("sandbox", url, clusterId, true), services);
            LOG.info("Sandbox '{}' started on {} in {} ms (API server {} ms)", timed.name(), url,
                    (System.nanoTime() - begin) / 1_000_000, (serverUp - begin) / 1_000_000);
            return new SandboxLab(session, new SandboxReleaseManager(world, catalog, deployer), running);
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /**
     * Loads the model classes the lab is built from and lets Jackson build their (de)serializers while the mock
     * server starts on the other core; both the mock server and the clients then find them ready.
     */
    private static void warmUpModel() {
        try {
            for (Class<?> type : List.of(Node.class, Pod.class, Deployment.class, ReplicaSet.class,
                    StatefulSet.class, DaemonSet.class, Service.class, Endpoints.class, Secret.class, ConfigMap.class,
                    Namespace.class, CustomResourceDefinition.class, GenericKubernetesResource.class)) {
                Object instance = type.getDeclaredConstructor().newInstance();
                Serialization.unmarshal(Serialization.asJson(instance), type);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Model warm-up skipped: {}", e.getMessage());
        }
    }

    /** What a kubeconfig with this server and no credentials gives: the same client code as for a real cluster. */
    static KubernetesClient client(String url) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withNamespace("default")
                .withCurrentContext(null)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .withHttp2Disable(true)
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    private static ScheduledExecutorService scheduler() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "sandbox-sim-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
