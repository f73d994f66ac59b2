package dev.homelab.console.logs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(https = false)
class PodLogFollowerTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void readsThePodsOwnLogWithTimestampsMarkedAsKubernetesApi() throws Exception {
        server.expect().get()
                .withPath("/api/v1/namespaces/monitoring/pods/vector-abc/log?pretty=false&container=vector"
                        + "&tailLines=2&timestamps=true")
                .andReturn(200, "2026-11-26T07:00:00.123456789Z 2026-11-26T07:00:00Z  WARN vector: retrying\n"
                        + "2026-11-26T07:00:01.000000000Z {\"level\":\"error\",\"msg\":\"sink failed\"}\n")
                .once();

        List<LogEntry> lines = new PodLogFollower(client, "monitoring", "vector-abc", "vector").read(2);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-26T07:00:00.123456789Z"));
        assertThat(lines.get(0).line()).isEqualTo("2026-11-26T07:00:00Z  WARN vector: retrying");
        assertThat(lines.get(0).level()).isEqualTo(LogLevel.WARNING);
        assertThat(lines.get(1).level()).isEqualTo(LogLevel.ERROR);
        assertThat(lines).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(LogEntry.Source.KUBERNETES_API);
            assertThat(e.labels().asMap()).containsEntry("pod", "vector-abc").containsEntry("container", "vector");
        });
    }

    @Test
    void aMissingPodSaysWhatToDo() {
        assertThatThrownBy(() -> new PodLogFollower(client, "monitoring", "gone", null).read(10))
                .isInstanceOfSatisfying(LokiException.class, e ->
                        assertThat(e.getMessage()).contains("monitoring/gone"));
    }
}
