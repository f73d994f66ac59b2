package dev.homelab.console.telemetry.benchmark;

import dev.homelab.console.telemetry.ClusterObserver;
import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentKind;
import dev.homelab.console.telemetry.MetricsServerClient;
import dev.homelab.console.telemetry.MockLab;
import dev.homelab.console.telemetry.Sampler;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SampleStores;
import dev.homelab.console.telemetry.store.SqliteSampleStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the sampler's API load (requests and bytes per hour) for a 4-node home lab with 40 pods, and the SQLite
 * history's size per node-day with the node total and four monitoring components per node.
 */
public final class SamplerBenchmark {

    public static void main(String[] args) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), new HashMap<>(),
                new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
        server.init();
        try (KubernetesClient kube = server.createClient()) {
            MockLab lab = new MockLab(kube);
            Instant now = Instant.now();
            List<String> kinds = List.of("prometheus", "alloy", "prometheus-node-exporter", "loki", "grafana",
                    "kube-state-metrics", "minio", "coredns", "traefik", "app");
            for (int n = 0; n < 4; n++) {
                String node = "pi-" + n;
                lab.node(node, "10.0.0." + (10 + n), true).nodeUsage(node, "700m", "3Gi", now);
                for (int p = 0; p < 10; p++) {
                    String name = kinds.get(p) + "-" + n + "-abcde";
                    lab.pod("ns" + (p % 4), name, node, Map.of("app.kubernetes.io/name", kinds.get(p)))
                            .podUsage("ns" + (p % 4), name, "20m", "200Mi", now);
                }
            }
            try (ClusterObserver observer = new ClusterObserver(kube)) {
                Thread.sleep(2000);
                MetricsServerClient metrics = new MetricsServerClient(kube);
                try (Sampler sampler = new Sampler(metrics, observer, SqliteSampleStore.inMemory(""),
                        Clock.systemUTC(), Duration.ofSeconds(15))) {
                    int rounds = 20;
                    for (int i = 0; i < rounds; i++) {
                        sampler.sampleOnce();
                    }
                    double perRound = metrics.requestCount() / (double) rounds;
                    double bytesPerRound = metrics.bytesReceived() / (double) rounds;
                    System.out.printf(Locale.ROOT, "Sampler, 4 nodes, 40 pods, every 15 s: %.1f requests/round = %.0f"
                            + " requests/min = %.0f requests/hour; %.1f KiB/round = %.1f MiB/hour (plus 3 watches:"
                            + " nodes, pods, Helm release Secrets)%n", perRound, perRound * 4, perRound * 240,
                            bytesPerRound / 1024, bytesPerRound * 240 / 1048576);
                }
            }
        } finally {
            server.destroy();
        }
        databaseSize();
    }

    private static void databaseSize() throws Exception {
        Path dir = Files.createTempDirectory("telemetry-size");
        int nodes = 4;
        int rounds = 6 * 240;
        try (SampleStore store = SampleStores.open(dir.resolve("size.db"))) {
            long start = System.currentTimeMillis() - Duration.ofHours(6).toMillis();
            List<Component> components = List.of(Component.of(ComponentKind.PROMETHEUS),
                    Component.of(ComponentKind.ALLOY), new Component(ComponentKind.NODE_EXPORTER, "kube-prometheus-stack"),
                    Component.of(ComponentKind.LOKI));
            for (int i = 0; i < rounds; i++) {
                Map<SeriesKey, Usage> usage = new HashMap<>();
                for (int n = 0; n < nodes; n++) {
                    usage.put(SeriesKey.node("pi-" + n), new Usage(0.4 + (i * 7 % 13) * 0.013,
                            3.1e9 + (i * 31 % 97) * 1.3e6));
                    for (Component c : components) {
                        usage.put(SeriesKey.component("pi-" + n, c), new Usage(0.01 + (i % 7) * 0.003,
                                2e8 + (i * 13 % 41) * 1e5));
                    }
                }
                store.append(new Tick(start + i * 15_000L, 15_000, usage, Map.of()));
            }
            double perNodeDay = store.sizeBytes() / (double) nodes * 4;
            System.out.printf(Locale.ROOT, "History size: %.0f KiB per node-day (node total + 4 components per node,"
                    + " 15 s); 30 days x 4 nodes = %.0f MiB%n", perNodeDay / 1024, perNodeDay * 120 / 1048576);
        }
    }
}
