package dev.homelab.console.cluster;

import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.homelab.console.app.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCheckTest {

    @TempDir
    Path dir;

    @Test
    void reportsK3sNodesArchitecturesMetricsAndIdentityThroughAKubeconfigClient() throws Exception {
        try (MockCluster cluster = new MockCluster(true)) {
            for (String name : new String[]{"pi-server", "pi-agent-1", "pi-agent-2"}) {
                cluster.client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewStatus().withNewNodeInfo().withArchitecture("arm64").endNodeInfo().endStatus()
                        .build()).create();
            }
            cluster.client.nodes().resource(new NodeBuilder().withNewMetadata().withName("nuc").endMetadata()
                    .withNewStatus().withNewNodeInfo().withArchitecture("amd64").endNodeInfo().endStatus()
                    .build()).create();
            Config config = KubeconfigContexts.load(cluster.kubeconfig(dir)).clientConfig(null,
                    LoginShellPath.system());
            try (KubernetesClient kube = Connector.client(config)) {
                ConnectionReport report = ConnectionCheck.check(kube, "homelab", Duration.ofSeconds(10),
                        Progress.none());
                assertThat(report.gitVersion()).isEqualTo("v1.33.4+k3s1");
                assertThat(report.k3s()).isTrue();
                assertThat(report.nodeCount()).isEqualTo(4);
                assertThat(report.architectures()).containsEntry("arm64", 3).containsEntry("amd64", 1);
                assertThat(report.metricsApiServed()).isTrue();
                assertThat(report.clusterId()).isEqualTo(
                        cluster.client.namespaces().withName("kube-system").get().getMetadata().getUid());
                assertThat(report.warnings()).isEmpty();
            }
        }
    }

    @Test
    void missingMetricsApiIsAWarningNotAFailure() throws Exception {
        try (MockCluster cluster = new MockCluster(false)) {
            ConnectionReport report = ConnectionCheck.check(cluster.client, "homelab", Duration.ofSeconds(10),
                    Progress.none());
            assertThat(report.metricsApiServed()).isFalse();
            assertThat(report.warnings()).anyMatch(w -> w.contains("metrics-server"));
        }
    }

    @Test
    void detectsK3sFromGitVersion() {
        assertThat(ConnectionCheck.isK3s("v1.33.4+k3s1")).isTrue();
        assertThat(ConnectionCheck.isK3s("v1.31.2")).isFalse();
        assertThat(ConnectionCheck.isK3s("v1.30.4-eks-a737599")).isFalse();
    }
}
