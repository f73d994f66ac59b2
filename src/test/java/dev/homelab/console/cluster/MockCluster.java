package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 mock API server in CRUD mode over plain HTTP, answering /version as k3s and API discovery with or
 * without metrics.k8s.io, plus a kubeconfig file that points at it — so tests run the real connect path.
 */
final class MockCluster implements AutoCloseable {

    static final String TOKEN = "k3s-secret-token-AbCdEf0123456789";

    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster(boolean metricsServed) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false, new VersionInfo.Builder().withGitVersion("v1.33.4+k3s1")
                .withMajor("1").withMinor("33").withPlatform("linux/arm64").build());
        server.init();
        var groups = new APIGroupListBuilder().addToGroups(new APIGroupBuilder().withName("apps")
                .addToVersions(new GroupVersionForDiscoveryBuilder().withGroupVersion("apps/v1").build()).build());
        if (metricsServed) {
            groups.addToGroups(new APIGroupBuilder().withName("metrics.k8s.io")
                    .addToVersions(new GroupVersionForDiscoveryBuilder().withGroupVersion("metrics.k8s.io/v1beta1")
                            .build()).build());
        }
        server.expect().get().withPath("/apis").andReturn(200, groups.build()).always();
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system")
.endMetadata().build()).create();
    }

    String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    /** A kubeconfig with context "homelab" pointing at this server, with a bearer token. */
    Path kubeconfig(Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: homelab
                clusters:
                - name: pi
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: %s
                contexts:
                - name: homelab
                  context: {cluster: pi, user: admin}
                """.formatted(url(), TOKEN));
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
