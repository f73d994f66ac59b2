package dev.homelab.console.reboot.plan;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A small cluster on fabric8's plain CRUD mock server for the guard rails, which only read the cluster: server-1
 * (control plane, vmagent), worker-1 (vmsingle, Loki), worker-2; node-exporter on each. Nothing reboots here: the
 * reboot itself is tested on the shared sandbox.
 */
final class GuardCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient kube;

    GuardCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
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
    }

    KubernetesClient kube() {
        return kube;
    }

    void node(String name, String ip, boolean controlPlane) {
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

    void pod(String namespace, String name, String node, String app, String ownerKind, String owner) {
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
    public void close() {
        kube.close();
        server.destroy();
    }
}
