package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Pod selection and re-binding against the CRUD mock. The mock cannot complete a port-forward handshake, but the
 * local listening side, the choice of pod and the reactions to pod changes are the production code's own.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PortForwardServiceAccessTest {

    static KubernetesMockServer server;
    static KubernetesClient client;

    static Service lokiService(String namespace) {
        return new ServiceBuilder().withNewMetadata().withName("loki").withNamespace(namespace).endMetadata()
                .withNewSpec().addToSelector("app.kubernetes.io/name", "loki")
                .addNewPort().withName("http-metrics").withPort(3100).withTargetPort(new IntOrString("http-metrics"))
                .endPort().endSpec().build();
    }

    static Pod lokiPod(String namespace, String name, String created, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withCreationTimestamp(created).addToLabels("app.kubernetes.io/name", "loki").endMetadata()
                .withNewSpec().addNewContainer().withName("loki").withImage("grafana/loki:3.6.7")
                .addNewPort().withName("http-metrics").withContainerPort(3100).endPort()
                .addNewPort().withName("grpc").withContainerPort(9095).endPort().endContainer().endSpec()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready")
                .withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }

    @Test
    void choosesTheNewestReadyPodAndResolvesANamedTargetPort() {
        Service service = lokiService("any");
        Pod old = lokiPod("any", "loki-old", "2026-01-01T00:00:00Z", true);
        Pod newest = lokiPod("any", "loki-new", "2026-02-01T00:00:00Z", true);
        Pod newestButNotReady = lokiPod("any", "loki-starting", "2026-03-01T00:00:00Z", false);
        Pod terminating = new PodBuilder(lokiPod("any", "loki-going", "2026-04-01T00:00:00Z", true))
                .editMetadata().withDeletionTimestamp("2026-04-02T00:00:00Z").endMetadata().build();
        Pod otherApp = new PodBuilder(lokiPod("any", "grafana", "2026-05-01T00:00:00Z", true)).editMetadata()
                .withLabels(Map.of("app.kubernetes.io/name", "grafana")).endMetadata().build();

        assertThat(ServiceBackends.choose(service, 3100, List.of(old, newest, newestButNotReady, terminating,
                otherApp))).contains(new ServiceBackends.Backend("loki-new", 3100));
        assertThat(ServiceBackends.choose(service, 9999, List.of(newest))).as("not a port of the service").isEmpty();
        assertThat(ServiceBackends.choose(service, 3100, List.of(newestButNotReady))).isEmpty();

        Service numeric = new ServiceBuilder(service).editSpec().editFirstPort().withPort(80)
                .withTargetPort(new IntOrString(8080)).endPort().endSpec().build();
        assertThat(ServiceBackends.choose(numeric, 80, List.of(old))).contains(new ServiceBackends.Backend(
                "loki-old", 8080));
        Service headless = new ServiceBuilder(service).editSpec().withSelector(Map.of()).endSpec().build();
        assertThat(ServiceBackends.choose(headless, 3100, List.of(old))).isEmpty();
    }

    @Test
    void rebindIsNeededOnlyWhenTheBoundPodGoesAwayOrStopsBeingReady() {
        Pod bound = lokiPod("x", "loki-0", "2026-01-01T00:00:00Z", true);
        assertThat(PortForwardServiceAccess.needsRebind("loki-0", Watcher.Action.MODIFIED, bound)).isFalse();
        assertThat(PortForwardServiceAccess.needsRebind("loki-0", Watcher.Action.DELETED, bound)).isTrue();
        assertThat(PortForwardServiceAccess.needsRebind("loki-0", Watcher.Action.MODIFIED,
                lokiPod("x", "loki-0", "2026-01-01T00:00:00Z", false))).isTrue();
        assertThat(PortForwardServiceAccess.needsRebind("loki-0", Watcher.Action.DELETED,
                lokiPod("x", "loki-1", "2026-01-01T00:00:00Z", true))).isFalse();
    }

    @Test
    void forwardsOnLoopbackOnlyAndReBindsToTheReplacementPodOnTheSamePort() throws Exception {
        String ns = "loki-rebind";
        client.services().resource(lokiService(ns)).create();
        client.pods().resource(lokiPod(ns, "loki-0", "2026-01-01T00:00:00Z", true)).create();
        List<String> events = new CopyOnWriteArrayList<>();
        try (PortForwardServiceAccess access = new PortForwardServiceAccess(client, ref -> Optional.empty())) {
            access.addListener((ref, message) -> events.add(message));
            ServiceRef loki = new ServiceRef(ns, "loki", 3100);
            ServiceEndpoint endpoint = access.open(loki);

            assertThat(endpoint.baseUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(endpoint.via()).isEqualTo("port-forward to pod loki-0");
            int port = endpoint.baseUri().getPort();
            // the mock server cannot complete port-forward handshakes, so the forward may already count as failed and be
            // re-bound; what must hold is that it stays on the same pod while that pod is Ready
            assertThat(access.open(loki).via()).as("same pod while it is Ready").isEqualTo(endpoint.via());

            client.pods().inNamespace(ns).withName("loki-0").delete();
            client.pods().resource(lokiPod(ns, "loki-1", "2026-01-02T00:00:00Z", true)).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> access.currentPod(loki).equals(Optional.of("loki-1")));
            // the deletion and the replacement can arrive in either order relative to the re-bind's pod list
            assertThat(events).anyMatch(e -> e.startsWith("re-bound") && e.contains("to pod loki-1")
                    && (e.contains("loki-0 was deleted") || e.contains("a Ready pod appeared")));
            assertThat(access.open(loki).baseUri().getPort()).as("same local port after re-binding").isEqualTo(port);

            client.pods().inNamespace(ns).withName("loki-1").edit(p -> lokiPod(ns, "loki-1",
                    "2026-01-02T00:00:00Z", false));
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.contains("no Ready pod to re-bind to yet")));
            assertThatThrownBy(() -> access.open(loki)).isInstanceOf(ServiceUnreachableException.class)
                    .hasMessageContaining("No Ready pod behind " + loki);

            client.pods().resource(lokiPod(ns, "loki-2", "2026-01-03T00:00:00Z", true)).create();
            await().atMost(Duration.ofSeconds(20)).until(() -> access.currentPod(loki).equals(Optional.of("loki-2")));

            // connected last: the mock cannot finish the forward's handshake, and a connection left hanging keeps
            // the old listener closing, which makes a re-bind take a new local port
            int current = access.open(loki).baseUri().getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), current), 2000);
                assertThat(socket.isConnected()).isTrue();
            }
            assertNotListeningOnOtherInterfaces(current);
        }
    }

    @Test
    void explainsMissingServicesAndHonoursUserOverrides() throws Exception {
        ServiceRef grafana = new ServiceRef("grafana", "grafana", 80);
        ServiceRef absent = new ServiceRef("nowhere", "loki", 3100);
        URI override = URI.create("http://grafana.lab.home:3000");
        try (PortForwardServiceAccess access = new PortForwardServiceAccess(client,
                ref -> ref.equals(grafana) ? Optional.of(override) : Optional.empty())) {
            ServiceEndpoint endpoint = access.open(grafana);
            assertThat(endpoint.baseUri()).isEqualTo(override);
            assertThat(endpoint.via()).startsWith("user override");
            assertThatThrownBy(() -> access.open(absent)).isInstanceOf(ServiceUnreachableException.class)
                    .hasMessageContaining("nowhere/loki does not exist");
        }
    }

    private static void assertNotListeningOnOtherInterfaces(int port) throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 500);
                    throw new AssertionError("port-forward reachable on " + address + ":" + port);
                } catch (java.io.IOException expected) {
                    // refused: the forward listens on loopback only
                }
            }
        }
    }
}
