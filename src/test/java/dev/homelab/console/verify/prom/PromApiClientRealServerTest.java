package dev.homelab.console.verify.prom;

import dev.homelab.console.testing.LocalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a real victoria-metrics from Debian, with samples imported through its own API. */
@Tag("realserver")
class PromApiClientRealServerTest {

    private static LocalServer vm;
    private static final Instant T0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);

    @BeforeAll
    static void startVictoriaMetrics() throws Exception {
        vm = LocalServer.start("victoria-metrics", c -> List.of(
                "-httpListenAddr=" + c.listen(), "-storageDataPath=" + c.dataDir().resolve("data"),
                "-retentionPeriod=1", "-search.disableCache"), "/health", Duration.ofSeconds(30));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            long ts = T0.plusSeconds(30L * i).toEpochMilli();
            lines.append("{\"metric\":{\"__name__\":\"up\",\"job\":\"node-exporter\",\"instance\":\"pi-worker-1:9100\"},")
                    .append("\"values\":[1],\"timestamps\":[").append(ts).append("]}\n");
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(vm.baseUri().resolve("/api/v1/import"))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(vm.baseUri().resolve("/internal/force_flush")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (vm != null) {
            vm.close();
        }
    }

    @Test
    void exportReturnsEveryRawSample() throws Exception {
        PromApiClient client = new PromApiClient(vm.baseUri(), true);
        List<Series> series = client.export("up{job=\"node-exporter\"}", T0.minusSeconds(60), T0.plusSeconds(700));
        assertThat(series).hasSize(1);
        assertThat(series.get(0).label("instance")).isEqualTo("pi-worker-1:9100");
        assertThat(series.get(0).samples()).hasSize(20);
        assertThat(series.get(0).samples().get(1).timestampMillis() - series.get(0).samples().get(0).timestampMillis())
                .isEqualTo(30_000);
    }

    @Test
    void rangeQueryCountsSamplesPerBucket() throws Exception {
        PromApiClient client = new PromApiClient(vm.baseUri(), true);
        List<Series> counts = client.queryRange("count_over_time(up[1m])", T0.plusSeconds(120), T0.plusSeconds(480),
                Duration.ofMinutes(1));
        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).samples()).allSatisfy(s -> assertThat(s.value()).isEqualTo(2.0));
    }

    @Test
    void badQueryIsReportedWithTheServersMessage() {
        PromApiClient client = new PromApiClient(vm.baseUri(), true);
        assertThatThrownBy(() -> client.query("sum(", null))
                .isInstanceOf(PromApiException.class)
                .hasMessageContaining("/api/v1/query");
    }

    @Test
    void unreachableServerSaysSo() {
        PromApiClient client = new PromApiClient(URI.create("http://127.0.0.1:" + LocalServer.freePort()), true);
        assertThatThrownBy(() -> client.query("up", null))
                .isInstanceOf(PromApiException.class)
                .hasMessageContaining("No answer from")
                .satisfies(e -> assertThat(((PromApiException) e).httpStatus()).isZero());
    }
}
