package dev.homelab.console.reboot;

import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.sandbox.reboot.NodeRebootSimulation;
import dev.homelab.console.sandbox.reboot.ScrapePipelineModel;
import dev.homelab.console.sandbox.reboot.SimulatedVmagentQueue;
import dev.homelab.console.sandbox.reboot.SimulatedVmsingle;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A small home lab on fabric8's mock server for the reboot test: server-1 (control plane, vmagent), worker-1
 * (vmsingle with a local-path volume, Loki), worker-2; node-exporter on each; the simulated node reboot and the
 * scrape-pipeline model behind vmsingle and vmagent Services.
 */
public final class RebootLab implements SandboxWorld, AutoCloseable {

    public static final Duration SCRAPE = Duration.ofMillis(500);

    private final KubernetesMockServer server;
    private final KubernetesClient kube;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Set<String> faults;
    private final Map<String, MockWebServer> services = new HashMap<>();
    private final NodeRebootSimulation reboots;
    private final ScrapePipelineModel model;

    public RebootLab(Set<String> faults, NodeRebootSimulation.Timing timing) throws IOException {
        this.faults = faults;
        Map<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>
                responses = new HashMap<>();
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new io.fabric8.mockwebserver.MockWebServer(),
                responses, new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(responses), false);
        server.init();
        kube = server.createClient();
        node("server-1", "10.0.0.1", true);
        node("worker-1", "10.0.0.2", false);
        node("worker-2", "10.0.0.3", false);
        for (String node : new String[]{"server-1", "worker-1", "worker-2"}) {
            pod("monitoring", "node-exporter-" + node, node, "prometheus-node-exporter", "DaemonSet", "node-exporter");
        }
        pod("monitoring", "vmsingle-vmks-0", "worker-1", "vmsingle", "ReplicaSet", "vmsingle-vmks-5d8f");
        pod("monitoring", "vmagent-vmks-0", "server-1", "vmagent", "ReplicaSet", "vmagent-vmks-7c9a");
        pod("loki", "loki-0", "worker-1", "loki", "StatefulSet", "loki");
        model = new ScrapePipelineModel(this, SCRAPE, Map.of("server-1", "10.0.0.1", "worker-1", "10.0.0.2",
                "worker-2", "10.0.0.3"), "worker-1", "server-1");
        reboots = new NodeRebootSimulation(this, timing);
        reboots.addListener(model);
        serve("monitoring", "vmsingle-vmks", 8428, new SimulatedVmsingle(model));
        serve("monitoring", "vmagent-vmks", 8429, new SimulatedVmagentQueue(model));
        model.start(Duration.ofMinutes(4));
        reboots.start();
    }

    public ClusterSession session() {
        return new ClusterSession(kube, new ClusterIdentity("test", "mock", "uid", true), new ServiceAccess() {
            @Override
            public ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
                MockWebServer web = services.get(service.namespace() + "/" + service.name());
                if (web == null) {
                    throw new ServiceUnreachableException(service, "no simulation for " + service, null);
                }
                return new ServiceEndpoint(service, web.url("/").uri(), "test simulation");
            }

            @Override
            public void close() {
            }
        });
    }

    private void serve(String namespace, String name, int port, SimulatedService simulation) throws IOException {
        MockWebServer web = new MockWebServer();
        web.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return simulation.dispatch(request);
            }
        });
        web.start();
        services.put(namespace + "/" + name, web);
        kube.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata().withNewSpec().addNewPort().withPort(port).endPort().endSpec()
                .build()).create();
    }

    public void node(String name, String ip, boolean controlPlane) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .withNewNodeInfo().withBootID("boot-" + name + "-1").endNodeInfo().endStatus();
        if (controlPlane) {
            node.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "true").endMetadata();
        }
        kube.nodes().resource(node.build()).create();
    }

    public void pod(String namespace, String name, String node, String app, String ownerKind, String owner) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", app).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName(app).withImage(app).endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime(Instant.now().minusSeconds(3600).toString()).endCondition().endStatus();
        if (ownerKind != null) {
            pod.editMetadata().addNewOwnerReference().withKind(ownerKind).withName(owner).withController(true)
                    .withApiVersion("apps/v1").withUid(owner).endOwnerReference().endMetadata();
        }
        kube.pods().inNamespace(namespace).resource(pod.build()).create();
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

    @Override
    public void close() {
        reboots.close();
        model.close();
        scheduler.shutdownNow();
        services.values().forEach(MockWebServer::close);
        kube.close();
        server.destroy();
    }
}
