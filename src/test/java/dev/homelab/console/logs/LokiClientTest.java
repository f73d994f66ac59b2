package dev.homelab.console.logs;

import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LokiClientTest {

    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final Map<String, String> COREDNS = Map.of("namespace", "kube-system", "pod", "coredns-1",
            "container", "coredns", "node", "pi-1");
    private static final Map<String, String> TRAEFIK = Map.of("namespace", "kube-system", "pod", "traefik-1",
            "container", "traefik", "node", "pi-2");

    private FakeLoki loki;
    private LokiClient client;

    @BeforeEach
    void start() throws Exception {
        loki = new FakeLoki();
        client = new LokiClient(loki.connection(), LokiClient.defaultHttpClient());
        for (int i = 0; i < 10; i++) {
            loki.add(i % 2 == 0 ? COREDNS : TRAEFIK, NanoTime.of(T0.plusSeconds(i)),
                    i == 7 ? "level=error msg=\"upstream timeout\"" : "[INFO] line " + i);
        }
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    @Test
    void rangeQueryMergesStreamsNewestFirstAndStopsAtTheLimit() throws Exception {
        QueryResult result = client.queryRange(new LogQuery("{namespace=\"kube-system\"}", T0, T0.plusSeconds(60),
                4, LogQuery.Direction.BACKWARD, null));

        assertThat(result.entries()).extracting(LogEntry::line)
                .containsExactly("[INFO] line 9", "[INFO] line 8", "level=error msg=\"upstream timeout\"",
                        "[INFO] line 6");
        assertThat(result.limitReached()).isTrue();
        assertThat(result.entries().get(2).level()).isEqualTo(LogLevel.ERROR);
        assertThat(result.entries().get(0).labels().get("pod")).isEqualTo("traefik-1");
        var request = loki.requestsTo("/loki/api/v1/query_range").get(0).getUrl();
        assertThat(request.queryParameter("direction")).isEqualTo("backward");
        assertThat(request.queryParameter("start")).isEqualTo(Long.toString(NanoTime.of(T0)));
        assertThat(request.queryParameter("limit")).isEqualTo("4");
    }

    @Test
    void forwardQueryReturnsOldestFirst() throws Exception {
        QueryResult result = client.queryRange(new LogQuery("{pod=\"coredns-1\"}", T0, T0.plusSeconds(60),
                100, LogQuery.Direction.FORWARD, null));

        assertThat(result.entries()).extracting(LogEntry::line)
                .containsExactly("[INFO] line 0", "[INFO] line 2", "[INFO] line 4", "[INFO] line 6", "[INFO] line 8");
        assertThat(result.limitReached()).isFalse();
        assertThat(result.bytesProcessed()).isEqualTo(1234);
    }

    @Test
    void labelsValuesAndSeriesComeFromTheirEndpoints() throws Exception {
        assertThat(client.labels(T0, T0.plusSeconds(60), null))
                .containsExactly("container", "namespace", "node", "pod");
        assertThat(client.labelValues("pod", T0, T0.plusSeconds(60), null)).containsExactly("coredns-1", "traefik-1");
        assertThat(client.series(List.of("{node=\"pi-2\"}"), T0, T0.plusSeconds(60)))
                .containsExactly(TRAEFIK);
    }

    @Test
    void volumeHistogramCountsLinesPerBucket() throws Exception {
        VolumeHistogram histogram = client.volume("{namespace=\"kube-system\"}", T0, T0.plusSeconds(10), 5);

        assertThat(histogram.step()).isEqualTo(Duration.ofSeconds(2));
        assertThat(histogram.counts()).hasSize(5);
        assertThat(histogram.total()).isEqualTo(9); // the bucket ending at T0 holds line 0 and lies before the window
        String query = loki.requestsTo("/loki/api/v1/query_range").get(0).getUrl().queryParameter("query");
        assertThat(query).isEqualTo("sum(count_over_time({namespace=\"kube-system\"} [2s]))");
    }

    @Test
    void parseErrorsCarryLokisOwnMessage() {
        assertThatThrownBy(() -> client.queryRange(LogQuery.lastPeriod("namespace=kube-system", Duration.ofHours(1),
                100, LogQuery.Direction.BACKWARD, T0)))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.BAD_QUERY);
                    assertThat(e.lokiMessage()).contains("parse error at line 1, col 1: syntax error: unexpected IDENTIFIER");
                    assertThat(e.getMessage()).contains("rejected the query");
                });
    }

    @Test
    void rateLimitsReportRetryAfter() {
        loki.failNext(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .body("too many outstanding requests").build());

        assertThatThrownBy(() -> client.labels(T0, T0.plusSeconds(60), null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("too many outstanding requests").contains("retry in 7 s");
                });
    }

    @Test
    void jsonErrorEnvelopesAreUnwrapped() {
        loki.failNext(new MockResponse.Builder().code(500)
                .body("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"ingester unavailable\"}").build());

        assertThatThrownBy(() -> client.labels(T0, T0.plusSeconds(60), null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.SERVER);
                    assertThat(e.lokiMessage()).contains("ingester unavailable");
                });
    }

    @Test
    void sendsTheTenantHeaderWhenLokiHasAuthEnabled() throws Exception {
        loki.requiredTenant = "homelab";
        assertThatThrownBy(() -> client.labels(T0, T0.plusSeconds(60), null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("no org id").contains("auth_enabled");
                });

        LokiClient withTenant = new LokiClient(LokiConnection.fixed(
                new LokiEndpoint(loki.uri(), Optional.of("homelab"), "fake")), LokiClient.defaultHttpClient());

        assertThat(withTenant.labels(T0, T0.plusSeconds(60), null)).contains("namespace");
        assertThat(loki.requests.get(loki.requests.size() - 1).getHeaders().get("X-Scope-OrgID"))
                .isEqualTo("homelab");
    }

    @Test
    void readinessAndVersion() throws Exception {
        assertThat(client.ready()).isTrue();
        assertThat(client.version()).isEqualTo("3.7.6");
    }

    @Test
    void aRefusedConnectionIsReopenedOnceThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + closedPort);
        int[] reopened = {0};
        LokiConnection healing = new LokiConnection() {
            @Override
            public LokiEndpoint endpoint() {
                return new LokiEndpoint(reopened[0] == 0 ? dead : loki.uri(), Optional.empty(),
                        reopened[0] == 0 ? "port-forward to loki-0" : "port-forward to loki-1");
            }

            @Override
            public LokiEndpoint reopen() {
                reopened[0]++;
                return endpoint();
            }
        };

        assertThat(new LokiClient(healing, LokiClient.defaultHttpClient()).labels(T0, T0.plusSeconds(60), null))
                .contains("pod");
        assertThat(reopened[0]).isEqualTo(1);

        LokiClient down = new LokiClient(LokiConnection.fixed(new LokiEndpoint(dead, Optional.empty(), "dead")),
                LokiClient.defaultHttpClient());
        assertThatThrownBy(() -> down.labels(T0, T0.plusSeconds(60), null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("Cannot reach Loki (dead)");
                });
    }
}
