package dev.homelab.console.telemetry;

import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SqliteSampleStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The sampler against fabric8's mock API server in CRUD mode, with metrics.k8s.io objects as metrics-server has them. */
@EnableKubernetesMockClient(crud = true, https = false)
class SamplerTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final Instant now = Instant.parse("2026-11-26T07:00:00Z");
    private SampleStore store;
    private ClusterObserver observer;
    private MetricsServerClient metrics;
    private MockLab lab;

    @BeforeEach
    void lab() {
        client.pods().inAnyNamespace().delete();
        client.nodes().delete();
        lab = new MockLab(client)
                .node("pi-server", "10.0.0.10", true)
                .node("pi-worker-1", "10.0.0.11", true)
                .pod("monitoring", "prometheus-kps-prometheus-0", "pi-worker-1", Map.of(
                        "app.kubernetes.io/name", "prometheus", "app.kubernetes.io/managed-by", "prometheus-operator"))
                .pod("monitoring", "alloy-abcde", "pi-server", Map.of("app.kubernetes.io/name", "alloy"))
                .pod("monitoring", "alloy-fghij", "pi-worker-1", Map.of("app.kubernetes.io/name", "alloy"))
                .pod("kube-system", "coredns-6799-abcde", "pi-server", Map.of("k8s-app", "kube-dns"))
                .nodeUsage("pi-server", "612m", "2Gi", now.minusSeconds(10))
                .nodeUsage("pi-worker-1", "1200m", "3Gi", now.minusSeconds(12))
                .podUsage("monitoring", "prometheus-kps-prometheus-0", "300m", "1400Mi", now.minusSeconds(12))
                .podUsage("monitoring", "alloy-abcde", "20m", "120Mi", now.minusSeconds(10))
                .podUsage("monitoring", "alloy-fghij", "25m", "130Mi", now.minusSeconds(12))
                .podUsage("kube-system", "coredns-6799-abcde", "5m", "20Mi", now.minusSeconds(10));
        store = SqliteSampleStore.inMemory("");
        observer = new ClusterObserver(client);
        metrics = new MetricsServerClient(client);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.nodes().size() == 2
                && observer.pod("monitoring", "alloy-fghij").isPresent());
    }

    @AfterEach
    void close() {
        observer.close();
        store.close();
    }

    private Sampler sampler() {
        return new Sampler(metrics, observer, store, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(15));
    }

    @Test
    void oneRoundReadsAllNodesAndPodsInTwoRequestsAndGroupsComponentsPerNode() {
        Tick tick = sampler().sampleOnce().orElseThrow();

        assertThat(metrics.requestCount()).isEqualTo(2);
        assertThat(metrics.bytesReceived()).isPositive();
        assertThat(tick.timestampMillis()).isEqualTo(now.toEpochMilli());
        assertThat(tick.usage().get(SeriesKey.node("pi-worker-1")).cpuCores()).isCloseTo(1.2, within(1e-9));
        assertThat(tick.usage().get(SeriesKey.node("pi-server")).memoryBytes()).isEqualTo(2.0 * (1L << 30));
        Usage prometheus = tick.usage().get(SeriesKey.component("pi-worker-1", Component.of(ComponentKind.PROMETHEUS)));
        assertThat(prometheus.memoryBytes()).isEqualTo((1400.0 + 1) * (1 << 20));
        assertThat(tick.usage()).containsKey(SeriesKey.component("pi-server", Component.of(ComponentKind.ALLOY)))
                .containsKey(SeriesKey.component("pi-worker-1", Component.of(ComponentKind.ALLOY)));
        assertThat(tick.usage().keySet()).noneMatch(k -> k.component().contains("dns"));
        assertThat(tick.allocatable().get("pi-server").cpuCores()).isEqualTo(4);
        assertThat(store.knownPods()).containsEntry("monitoring/prometheus-kps-prometheus-0", "prometheus");
        assertThat(store.ticks(0, Long.MAX_VALUE)).containsExactly(now.toEpochMilli());
    }

    @Test
    void anUnchangedReadingIsNotStoredTwiceAndANotReadyNodeLeavesAGap() {
        Sampler sampler = sampler();
        sampler.sampleOnce();
        lab.node("pi-worker-1", "10.0.0.11", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.nodes().stream()
                .anyMatch(n -> n.name().equals("pi-worker-1") && !n.ready()));
        lab.nodeUsage("pi-server", "700m", "2Gi", now.plusSeconds(5));

        Tick second = sampler.sampleOnce().orElseThrow();

        assertThat(second.usage()).containsKey(SeriesKey.node("pi-server"))
                .doesNotContainKey(SeriesKey.node("pi-worker-1"));
        assertThat(second.usage().keySet()).noneMatch(k -> k.node().equals("pi-worker-1"));
        assertThat(sampler.status().notes()).anySatisfy(n -> assertThat(n).contains("pi-worker-1 is NotReady"));
    }

    @Test
    void aNodeWhoseClockIsOffIsNamedButStillSampled() {
        lab.node("pi-worker-2", "10.0.0.12", true).nodeUsage("pi-worker-2", "100m", "1Gi", now.plusSeconds(600));
        await().atMost(Duration.ofSeconds(10)).until(() -> observer.nodes().size() == 3);
        Sampler sampler = sampler();
        Tick tick = sampler.sampleOnce().orElseThrow();

        assertThat(tick.usage()).containsKey(SeriesKey.node("pi-worker-2"));
        assertThat(sampler.status().notes()).anySatisfy(n -> assertThat(n)
                .contains("pi-worker-2").contains("ahead of").contains("timedatectl"));
    }

    @Test
    void metricsServerMissingIsAStatusWithTheFixAndSamplingResumesWhenItIsBack() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes")
                .andReturn(404, "{\"kind\":\"Status\",\"code\":404}").once();
        Sampler sampler = sampler();

        assertThat(sampler.sampleOnce()).isEmpty();
        assertThat(sampler.status().state()).isEqualTo(SamplerStatus.State.METRICS_UNAVAILABLE);
        assertThat(sampler.status().message()).contains("--disable metrics-server");
        assertThat(store.ticks(0, Long.MAX_VALUE)).isEmpty();

        assertThat(sampler.sampleOnce()).isPresent();
        assertThat(sampler.status().state()).isEqualTo(SamplerStatus.State.SAMPLING);
    }

    @Test
    void roundListenersGetEveryNodesCurrentReadingUnchangedOnesIncludedAndTheProblemWhenARoundFails() {
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes")
                .andReturn(404, "{\"kind\":\"Status\",\"code\":404}").once();
        Sampler sampler = sampler();
        java.util.List<NodeUsageRound> rounds = new java.util.concurrent.CopyOnWriteArrayList<>();
        sampler.addRoundListener(rounds::add);

        sampler.sampleOnce();
        sampler.sampleOnce();
        Tick unchanged = sampler.sampleOnce().orElseThrow();

        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0).ok()).isFalse();
        assertThat(rounds.get(0).problem()).contains("metrics.k8s.io is not served");
        assertThat(unchanged.usage()).as("the history skips unchanged readings").isEmpty();
        assertThat(rounds.get(2).nodes()).as("live displays still get them")
                .extracting(MetricsServerClient.NodeReading::node).containsExactlyInAnyOrder("pi-server", "pi-worker-1");
        assertThat(sampler.lastRound()).containsSame(rounds.get(2));
        assertThat(metrics.requestCount()).as("no request of its own").isEqualTo(5);
    }

    @Test
    void theFirstRoundWaitsForTheWatchesSoItKnowsAllocatableAndComponents() {
        try (ClusterObserver fresh = new ClusterObserver(client);
             Sampler sampler = new Sampler(metrics, fresh, store, Clock.systemUTC(), Duration.ofSeconds(15))) {
            sampler.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> sampler.lastTick().isPresent());

            Tick first = store.ticks(0, Long.MAX_VALUE).length == 1 ? sampler.lastTick().orElseThrow() : null;
            assertThat(first).as("exactly one round so far").isNotNull();
            assertThat(first.allocatable()).containsKeys("pi-server", "pi-worker-1");
            assertThat(first.usage()).containsKey(SeriesKey.component("pi-worker-1",
                    Component.of(ComponentKind.PROMETHEUS)));
        }
    }

    @Test
    void statusCountsRequestsPerMinute() {
        Sampler sampler = sampler();
        sampler.sampleOnce();
        sampler.sampleOnce();

        assertThat(sampler.status().state()).isEqualTo(SamplerStatus.State.SAMPLING);
        assertThat(sampler.status().requests()).isEqualTo(4);
    }
}
