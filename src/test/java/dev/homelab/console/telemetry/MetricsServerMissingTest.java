package dev.homelab.console.telemetry;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** metrics.k8s.io not served (k3s started with --disable metrics-server), not ready, or not permitted: said plainly. */
@EnableKubernetesMockClient(https = false)
class MetricsServerMissingTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    @Test
    void notServedSaysHowToReEnableTheK3sComponent() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes")
                .andReturn(404, "{\"kind\":\"Status\",\"code\":404}").once();
        MetricsUnavailableException e = assertThrows(MetricsUnavailableException.class,
                () -> new MetricsServerClient(client).nodes());
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.getMessage()).contains("not served").contains("--disable metrics-server")
                .contains("/etc/rancher/k3s/config.yaml").contains("Do not install a second");
    }

    @Test
    void notReadySays503AndWhereToLook() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes")
                .andReturn(503, "service unavailable").once();
        MetricsUnavailableException e = assertThrows(MetricsUnavailableException.class,
                () -> new MetricsServerClient(client).nodes());
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.getMessage()).contains("k8s-app=metrics-server");
    }

    @Test
    void forbiddenNamesTheMissingPermission() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/pods")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403}").once();
        MetricsUnavailableException e = assertThrows(MetricsUnavailableException.class,
                () -> new MetricsServerClient(client).pods());
        assertThat(e.getMessage()).contains("pods.metrics.k8s.io").contains("list");
    }
}
