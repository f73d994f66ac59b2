package dev.homelab.console.sandbox;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cluster.PortForwardServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production port-forward code ({@link PortForwardServiceAccess}), given nothing but the lab's API server URL
 * (what a kubeconfig gives), reaches the lab's simulated services through the port-forward subresource.
 */
class PortForwardSimulationTest {

    @TempDir
    static Path home;
    static SandboxLab lab;
    static KubernetesClient kubeconfigClient;

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startLab() {
        lab = Sandbox.start(Optional.empty(), AppDirs.under(home));
        kubeconfigClient = Sandbox.client(lab.session().identity().serverUrl());
    }

    @AfterAll
    static void stopLab() throws Exception {
        kubeconfigClient.close();
        lab.session().close();
        lab.lifecycle().close();
    }

    @Test
    void lokiAndVictoriaMetricsAnswerThroughAPortForwardToTheirPods() throws Exception {
        try (PortForwardServiceAccess access = new PortForwardServiceAccess(kubeconfigClient, ref -> Optional.empty())) {
            ServiceEndpoint loki = access.open(new ServiceRef("loki", "loki", 3100));
            assertThat(loki.via()).startsWith("port-forward to pod loki");

            assertThat(get(loki.resolve("/ready"))).isEqualTo("ready");
            String labels = get(loki.resolve("/loki/api/v1/labels"));
            assertThat(labels).contains("\"status\":\"success\"").contains("namespace");
            assertThat(get(loki.resolve("/ready"))).as("a second request on the same forward").isEqualTo("ready");
        }
    }

    @Test
    void aPortNoServiceSelectsFailsLikeAClosedPort() throws Exception {
        try (PortForwardServiceAccess access = new PortForwardServiceAccess(kubeconfigClient, ref -> Optional.empty())) {
            String pod = access.open(new ServiceRef("loki", "loki", 3100)).via().replace("port-forward to pod ", "");
            try (var forward = kubeconfigClient.pods().inNamespace("loki").withName(pod)
                    .portForward(9999, java.net.InetAddress.getLoopbackAddress(), 0)) {
                int port = forward.getLocalPort();
                assertThatThrownBy(() -> get(java.net.URI.create("http://127.0.0.1:" + port + "/ready")))
                        .isInstanceOf(IOException.class);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(forward::errorOccurred);
                assertThat(forward.getServerThrowables()).anySatisfy(t -> assertThat(t.getMessage())
                        .contains("error forwarding port 9999"));
            }
        }
    }

    private String get(java.net.URI uri) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(uri.toString()).build()).execute()) {
            assertThat(response.code()).as("HTTP status of " + uri.getPath()).isEqualTo(200);
            return response.body().string().trim();
        }
    }
}
