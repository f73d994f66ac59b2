package dev.homelab.console.sandbox.loki;

import dev.homelab.console.logs.LogEntry;
import dev.homelab.console.logs.LogLevel;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnection;
import dev.homelab.console.logs.LokiEndpoint;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.LokiTail;
import dev.homelab.console.logs.MetricSeries;
import dev.homelab.console.logs.QueryResult;
import dev.homelab.console.logs.TailListener;
import dev.homelab.console.logs.TailOptions;
import dev.homelab.console.logs.TailState;
import dev.homelab.console.testing.MockServerLab;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@EnableKubernetesMockClient(crud = true, https = false)
class LokiSimulationTest {

    KubernetesClient kube;

    private MockServerLab lab;
    private LokiSimulation loki;
    private LokiClient client;
    private URI lokiUrl;

    @BeforeEach
    void start() throws Exception {
        lab = new MockServerLab(kube);
        lab.node("pi-1", true, true).node("pi-2", false, true)
                .pod("kube-system", "coredns-6799fbcd5-x2x9k", "pi-1", "coredns", "coredns", null)
                .pod("kube-system", "traefik-5d45fc8cc9-abcde", "pi-2", "traefik", "traefik", null)
                .pod("monitoring", "alloy-a1", "pi-1", "alloy", "alloy", "alloy")
                .pod("monitoring", "alloy-b2", "pi-2", "alloy", "alloy", "alloy");
        loki = new LokiSimulation(lab);
        lokiUrl = lab.serve(request -> loki.dispatch(request)).resolve("/");
        client = new LokiClient(LokiConnection.fixed(new LokiEndpoint(lokiUrl, Optional.empty(), "sandbox")),
                LokiClient.defaultHttpClient());
    }

    @AfterEach
    void stop() {
        loki.close();
        lab.close();
    }

    @Test
    void rangeQueriesReturnRealisticLinesOfTheSelectedPods() throws Exception {
        QueryResult result = client.queryRange(LogQuery.lastPeriod("{namespace=\"kube-system\"}", Duration.ofHours(1),
                1000, LogQuery.Direction.BACKWARD, Instant.now()));

        assertThat(result.entries()).hasSize(1000);
        assertThat(result.entries()).extracting(e -> e.labels().get("container")).contains("coredns", "traefik");
        assertThat(result.entries()).extracting(LogEntry::level).contains(LogLevel.INFO, LogLevel.ERROR);
        assertThat(result.entries()).anyMatch(LogEntry::looksLikeJson);
        assertThat(result.entries().get(0).timestampNanos()).isGreaterThan(result.entries().get(999).timestampNanos());
        LogEntry first = result.entries().get(0);
        assertThat(first.labels().asMap()).containsKeys("namespace", "pod", "container", "node", "app", "job");
    }

    @Test
    void lineFiltersAndTheSameWindowGiveTheSameLinesAgain() throws Exception {
        Instant now = Instant.now();
        LogQuery query = new LogQuery("{app=\"coredns\"} |= \"[ERROR]\"", now.minus(Duration.ofDays(1)), now, 50,
                LogQuery.Direction.FORWARD, null);

        QueryResult once = client.queryRange(query);
        QueryResult again = client.queryRange(query);

        assertThat(once.entries()).isNotEmpty().allMatch(e -> e.line().startsWith("[ERROR]"));
        assertThat(again.entries()).isEqualTo(once.entries());
    }

    @Test
    void metricQueriesCountLinesPerNode() throws Exception {
        Instant end = Instant.now();
        List<MetricSeries> series = client.queryMetricRange(
                "sum by (node) (count_over_time({namespace=\"kube-system\"}[1m]))", end.minus(Duration.ofMinutes(10)),
                end, Duration.ofSeconds(60));

        assertThat(series).extracting(s -> s.metric().get("node")).containsExactlyInAnyOrder("pi-1", "pi-2");
        assertThat(series.get(0).samples()).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(sample -> assertThat(sample.value()).isBetween(5.0, 60.0));
    }

    @Test
    void aNodeThatGoesDownWritesNothingWhileDown() throws Exception {
        lab.node("pi-2", false, false);
        loki.close();
        loki = new LokiSimulation(lab);
        Instant now = Instant.now();

        List<MetricSeries> series = client.queryMetricRange(
                "sum by (node) (count_over_time({job=~\".+\"}[1m]))", now.minus(Duration.ofMinutes(5)), now,
                Duration.ofSeconds(60));

        assertThat(series).extracting(s -> s.metric().get("node")).containsExactly("pi-1");
    }

    @Test
    void journaldLinesOfEachNode() throws Exception {
        assertThat(client.labelValues("unit", Instant.now().minusSeconds(3600), Instant.now(), null))
                .containsExactly("k3s-agent.service", "k3s.service", "kernel");
        QueryResult k3s = client.queryRange(LogQuery.lastPeriod("{source_type=\"journald\", node=\"pi-1\", "
                + "unit=\"k3s.service\"}", Duration.ofMinutes(10), 20, LogQuery.Direction.BACKWARD, Instant.now()));
        assertThat(k3s.entries()).isNotEmpty().allMatch(e -> e.line().startsWith("time=\""));
    }

    @Test
    void labelsAndSeriesFollowTheCluster() throws Exception {
        Instant now = Instant.now();
        assertThat(client.labels(now.minusSeconds(600), now, null))
                .contains("namespace", "pod", "container", "node", "app", "source_type");
        assertThat(client.labelValues("namespace", now.minusSeconds(600), now, null))
                .containsExactly("host", "kube-system", "monitoring");
        assertThat(client.series(List.of("{app=\"traefik\"}"), now.minusSeconds(600), now))
                .singleElement().satisfies(s -> assertThat(s).containsEntry("node", "pi-2"));
    }

    @Test
    void parseErrorsAreWordedLikeLokis() {
        assertThatThrownBy(() -> client.queryRange(LogQuery.lastPeriod("{namespace=\"kube-system\"", Duration.ofHours(1),
                10, LogQuery.Direction.BACKWARD, Instant.now())))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LokiException.Kind.BAD_QUERY);
                    assertThat(e.lokiMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("parse error at line 1"));
                });
    }

    @Test
    void theTailStreamsNewLinesContinuously() {
        List<LogEntry> received = new CopyOnWriteArrayList<>();
        try (LokiTail tail = new LokiTail(client, TailOptions.of("{namespace=\"kube-system\"}"), new TailListener() {
            @Override
            public void onEntries(List<LogEntry> entries) {
                received.addAll(entries);
            }

            @Override
            public void onState(TailState state, String message) {
            }
        })) {
            tail.start();
            await().until(() -> tail.state() == TailState.LIVE);
            int afterReplay = received.size();
            long replayNewest = received.stream().mapToLong(LogEntry::timestampNanos).max().orElse(0);

            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() > afterReplay + 2);
            assertThat(received.subList(afterReplay, received.size()))
                    .allMatch(e -> e.timestampNanos() > replayNewest);
        }
    }

    @Test
    void configAndBuildInfo() throws Exception {
        assertThat(client.ready()).isTrue();
        assertThat(client.version()).isNotBlank();
        var config = client.http().newCall(new okhttp3.Request.Builder().url(lokiUrl.resolve("config").toString()).build()).execute();
        assertThat(config.body().string()).contains("schema: v13").contains("store: tsdb");
    }

    @Test
    void linesShippedByVectorCarryVectorLabelsAndAlloyStreamsEndWhenAlloyIsRemoved() throws Exception {
        lab.pod("logs", "vector-v1", "pi-1", "vector", "vector", "vector")
                .pod("logs", "vector-v2", "pi-2", "vector", "vector", "vector");
        kube.pods().inNamespace("monitoring").withName("alloy-a1").delete();
        kube.pods().inNamespace("monitoring").withName("alloy-b2").delete();
        Instant removed = Instant.now();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Instant now = Instant.now();
            QueryResult pods = client.queryRange(new LogQuery("{job=\"kubernetes-pods\"}", removed, now, 1000,
                    LogQuery.Direction.FORWARD, null));
            assertThat(pods.entries()).extracting(e -> e.labels().get("node")).contains("pi-1", "pi-2");
            assertThat(pods.entries()).allSatisfy(e -> assertThat(e.labels().asMap().keySet())
                    .containsExactlyInAnyOrderElementsOf(dev.homelab.console.stack.vector.LokiLabels.NAMES));
            QueryResult journal = client.queryRange(new LogQuery("{job=\"journald\"}", removed, now, 1000,
                    LogQuery.Direction.FORWARD, null));
            assertThat(journal.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.labels().asMap())
                    .containsEntry("namespace", "host").containsEntry("app", "journald"));
            assertThat(journal.entries()).extracting(e -> e.labels().get("pod"))
                    .contains("k3s.service", "k3s-agent.service");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(removed.plusSeconds(20)));
        QueryResult alloyStyle = client.queryRange(new LogQuery("{source_type=~\"kubernetes_logs|journald\"}",
                removed.plusSeconds(10), Instant.now(), 100, LogQuery.Direction.FORWARD, null));
        QueryResult vectorStyle = client.queryRange(new LogQuery("{job=~\"kubernetes-pods|journald\"}",
                removed.plusSeconds(10), Instant.now(), 100, LogQuery.Direction.FORWARD, null));
        assertThat(alloyStyle.entries()).as("Alloy-style lines after Alloy was removed").isEmpty();
        assertThat(vectorStyle.entries()).isNotEmpty();
    }
}
