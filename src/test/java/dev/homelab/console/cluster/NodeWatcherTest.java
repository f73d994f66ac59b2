package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true, https = false)
class NodeWatcherTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static Node piNode(String name, boolean server, boolean ready) {
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp("2026-01-10T08:00:00Z")
                .addToLabels("kubernetes.io/arch", "arm64").addToLabels("kubernetes.io/os", "linux").endMetadata();
        if (server) {
            builder.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "true")
                    .addToLabels("node-role.kubernetes.io/master", "true").endMetadata();
        }
        return builder.withNewStatus()
                .withNewNodeInfo().withArchitecture("arm64").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withKubeletVersion("v1.33.4+k3s1").withBootID("boot-" + name).endNodeInfo()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady")
                .withMessage(ready ? "kubelet is posting ready status" : "PLEG is not healthy").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("192.168.1.1" + name.length()).endAddress()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("7901912Ki"))
                .endStatus().build();
    }

    @Test
    void summaryReadsRolesReadinessAndAllocatable() {
        NodeSummary server = NodeSummary.of(piNode("pi-server", true, true));
        assertThat(server.roles()).containsExactly("control-plane", "master");
        assertThat(server.isControlPlane()).isTrue();
        assertThat(server.architecture()).isEqualTo("arm64");
        assertThat(server.osImage()).startsWith("Debian");
        assertThat(server.kubeletVersion()).isEqualTo("v1.33.4+k3s1");
        assertThat(server.isReady()).isTrue();
        assertThat(server.cpuAllocatableMillis()).isEqualTo(4000);
        assertThat(server.memoryAllocatableBytes()).isEqualTo(7901912L * 1024);
        assertThat(server.bootId()).isEqualTo("boot-pi-server");
        assertThat(server.age(Instant.parse("2026-01-12T08:00:00Z"))).isEqualTo(Duration.ofDays(2));
        NodeSummary agent = NodeSummary.of(piNode("pi-agent-1", false, false));
        assertThat(agent.roles()).isEmpty();
        assertThat(agent.ready()).isEqualTo(NodeSummary.Readiness.NOT_READY);
        assertThat(agent.readyMessage()).isEqualTo("PLEG is not healthy");
        assertThat(NodeSummary.millicores(new Quantity("250m"))).isEqualTo(250);
        assertThat(NodeSummary.millicores(new Quantity("1500000000n"))).isEqualTo(1500);
    }

    @Test
    void informerDeliversAddedModifiedAndDeletedWithSnapshots() {
        client.nodes().resource(piNode("pi-server", true, true)).create();
        List<NodeWatcher.NodeEvent> events = new CopyOnWriteArrayList<>();
        List<List<NodeSummary>> snapshots = new CopyOnWriteArrayList<>();
        try (NodeWatcher watcher = new NodeWatcher(client)) {
            watcher.addListener((event, snapshot) -> {
                events.add(event);
                snapshots.add(snapshot);
            });
            watcher.start();
            await().atMost(Duration.ofSeconds(20)).until(watcher::hasSynced);
            client.nodes().resource(piNode("pi-agent-1", false, true)).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.snapshot().size() == 2);

            client.nodes().withName("pi-agent-1").edit(n -> piNode("pi-agent-1", false, false));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
                    e.change() == NodeWatcher.Change.MODIFIED && !e.node().isReady()));

            client.nodes().withName("pi-agent-1").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> watcher.snapshot().size() == 1);

            assertThat(events).extracting(NodeWatcher.NodeEvent::change).containsSubsequence(
                    NodeWatcher.Change.ADDED, NodeWatcher.Change.ADDED, NodeWatcher.Change.MODIFIED,
                    NodeWatcher.Change.DELETED);
            assertThat(events.get(events.size() - 1).node().name()).isEqualTo("pi-agent-1");
            assertThat(snapshots.get(snapshots.size() - 1)).extracting(NodeSummary::name)
                    .containsExactly("pi-server");
            assertThat(watcher.snapshot().get(0).roles()).contains("control-plane");
        }
    }

    @Test
    void usageSamplerReadsNodeMetricsAndSaysWhenMetricsServerIsMissing() {
        NodeUsageSampler sampler = new NodeUsageSampler(client, Duration.ofSeconds(15));
        UsageSample missing = sampler.sampleOnce();
        // the CRUD mock answers an empty list until NodeMetrics exist; that is "no nodes", not a failure
        assertThat(missing.nodes()).isEmpty();

        client.resource(new NodeMetricsBuilder().withNewMetadata().withName("pi-server").endMetadata()
                .withTimestamp("2026-11-26T07:00:00Z").withWindow(new io.fabric8.kubernetes.api.model.Duration(
                        Duration.ofSeconds(15)))
                .addToUsage("cpu", new Quantity("812345678n")).addToUsage("memory", new Quantity("2097152Ki"))
                .build()).create();
        UsageSample sample = sampler.sampleOnce();
        assertThat(sample.ok()).isTrue();
        NodeUsage usage = sample.nodes().get("pi-server");
        assertThat(usage.cpuMillis()).isEqualTo(812);
        assertThat(usage.memoryBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(usage.timestamp()).isEqualTo(Instant.parse("2026-11-26T07:00:00Z"));
    }

    @Test
    void samplerExplainsMissingOrUnreadyMetricsServer() {
        assertThat(NodeUsageSampler.explain(new io.fabric8.kubernetes.client.KubernetesClientException(
                "not found", 404, null))).startsWith("metrics-server missing");
        assertThat(NodeUsageSampler.explain(new io.fabric8.kubernetes.client.KubernetesClientException(
                "unavailable", 503, null))).startsWith("metrics-server not ready");
    }
}
