package dev.homelab.console.telemetry;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.Map;

/** A tiny home lab in fabric8's CRUD mock server: nodes, pods and the metrics.k8s.io objects metrics-server serves. */
public final class MockLab {

    private final KubernetesClient kube;

    public MockLab(KubernetesClient kube) {
        this.kube = kube;
    }

    public MockLab node(String name, String ip, boolean ready) {
        kube.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .withAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("8012564Ki")))
                .endStatus().build()).createOr(r -> r.update());
        return this;
    }

    public MockLab pod(String namespace, String name, String node, Map<String, String> labels) {
        kube.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).withUid(name + "-uid").withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("x").endContainer()
                .endSpec().build()).createOr(r -> r.update());
        return this;
    }

    public MockLab nodeUsage(String node, String cpu, String memory, Instant at) {
        NodeMetrics metrics = new NodeMetricsBuilder().withNewMetadata().withName(node).endMetadata()
                .withTimestamp(at.toString()).withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(20)))
                .withUsage(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).build();
        kube.resource(metrics).createOr(r -> r.update());
        return this;
    }

    public MockLab podUsage(String namespace, String pod, String cpu, String memory, Instant at) {
        PodMetrics metrics = new PodMetricsBuilder().withNewMetadata().withName(pod).withNamespace(namespace)
                .endMetadata().withTimestamp(at.toString()).withWindow(new io.fabric8.kubernetes.api.model.Duration(java.time.Duration.ofSeconds(20)))
                .withContainers(new ContainerMetricsBuilder().withName("main")
                        .withUsage(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).build(),
                        new ContainerMetricsBuilder().withName("sidecar")
                                .withUsage(Map.of("cpu", new Quantity("1m"), "memory", new Quantity("1Mi"))).build())
                .build();
        kube.resource(metrics).inNamespace(namespace).createOr(r -> r.update());
        return this;
    }
}
