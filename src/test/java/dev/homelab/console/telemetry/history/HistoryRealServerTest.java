package dev.homelab.console.telemetry.history;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentKind;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.store.RawSeries;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SqliteSampleStore;
import dev.homelab.console.testing.LocalServer;
import dev.homelab.console.verify.prom.PromApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * PromQL history against a real victoria-metrics (samples imported through /api/v1/import, cAdvisor series with a
 * {@code node} label) and a real prometheus (a TSDB block written by promtool from OpenMetrics, node-exporter series
 * whose only node reference is {@code instance="<InternalIP>:9100"}).
 */
@Tag("realserver")
class HistoryRealServerTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
    private static final Instant START = END.minus(Duration.ofMinutes(60));
    private static final Map<String, String> NODE_IPS = Map.of("pi-server", "10.0.0.10", "pi-worker-1", "10.0.0.11");
    private static LocalServer vm;
    private static LocalServer prometheus;

    @BeforeAll
    static void startServers() throws Exception {
        vm = LocalServer.start("victoria-metrics", c -> List.of("-httpListenAddr=" + c.listen(),
                "-storageDataPath=" + c.dataDir().resolve("data"), "-retentionPeriod=1", "-search.disableCache",
                "-search.latencyOffset=0s"), "/health", Duration.ofSeconds(30));
        importIntoVictoriaMetrics();
        prometheus = LocalServer.start("prometheus", c -> prometheusWithBackfill(c), "/-/ready",
                Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (vm != null) {
            vm.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void victoriaMetricsCadvisorSeriesWithANodeLabelFillNodesAndComponents() throws Exception {
        try (SampleStore store = SqliteSampleStore.inMemory("")) {
            store.rememberPods(Map.of("monitoring/prometheus-kps-prometheus-0", "prometheus"));
            HistoryImporter importer = new HistoryImporter(new PromApiClient(vm.baseUri(), true), "vmsingle", store,
                    NODE_IPS);
            HistoryImport result = importer.fill(START, END);

            assertThat(result.nodeLabel()).startsWith("node (node holds the node name)");
            assertThat(result.rounds()).isGreaterThan(200);
            RawSeries worker = store.readRaw(SeriesKey.node("pi-worker-1"), START.toEpochMilli(), END.toEpochMilli());
            assertThat(worker.memory()[worker.size() / 2]).isEqualTo(3 * GIB);
            assertThat(worker.cpu()[worker.size() / 2]).isCloseTo(0.5, within(0.01));
            RawSeries prom = store.readRaw(SeriesKey.component("pi-worker-1", Component.of(ComponentKind.PROMETHEUS)),
                    START.toEpochMilli(), END.toEpochMilli());
            assertThat(prom.memory()[prom.size() / 2]).isCloseTo(1.4 * GIB, within(1.0));
            RawSeries alloy = store.readRaw(SeriesKey.component("pi-server", Component.of(ComponentKind.ALLOY)),
                    START.toEpochMilli(), END.toEpochMilli());
            assertThat(alloy.size()).as("a pod the app never saw is recognised by its name").isPositive();
            assertThat(result.lines()).anySatisfy(line -> {
                assertThat(line.node()).isEqualTo("pi-worker-1");
                assertThat(line.query()).isEqualTo("max by (node) (container_memory_working_set_bytes{id=\"/\"})");
            });
            assertThat(store.imports(START.toEpochMilli(), END.toEpochMilli())).singleElement()
                    .satisfies(r -> assertThat(r.queries()).contains(
                            "max by (node) (container_memory_working_set_bytes{id=\"/\"})"));
        }
    }

    @Test
    void aSecondFillDoesNothingBecauseTheRangeIsNoLongerMissing() throws Exception {
        try (SampleStore store = SqliteSampleStore.inMemory("")) {
            HistoryImporter importer = new HistoryImporter(new PromApiClient(vm.baseUri(), true), "vmsingle", store,
                    NODE_IPS);
            importer.fill(START, END);
            HistoryImport again = importer.fill(START, END);

            assertThat(again.ranges()).isEmpty();
            assertThat(again.rounds()).isZero();
        }
    }

    @Test
    void prometheusNodeExporterSeriesKeyedByInstanceIpAreMappedThroughInternalIps() throws Exception {
        try (SampleStore store = SqliteSampleStore.inMemory("")) {
            HistoryImporter importer = new HistoryImporter(new PromApiClient(prometheus.baseUri(), false),
                    "prometheus", store, NODE_IPS);
            HistoryImport result = importer.fill(START, END);

            assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("cAdvisor"));
            assertThat(result.nodeLabel()).startsWith("instance (instance holds the node's InternalIP:port)");
            RawSeries server = store.readRaw(SeriesKey.node("pi-server"), START.toEpochMilli(), END.toEpochMilli());
            assertThat(server.size()).isGreaterThan(200);
            assertThat(server.memory()[server.size() / 2]).isEqualTo(3 * GIB);
            assertThat(server.cpu()[server.size() / 2]).isCloseTo(0.25, within(0.01));
            assertThat(result.lines()).anySatisfy(line -> assertThat(line.query())
                    .isEqualTo("max by (instance) (node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)"));
        }
    }

    @Test
    void seriesNamingNoKnownNodeAreNotGuessed() throws Exception {
        Map<String, String> otherCluster = Map.of("rpi-a", "192.168.1.50");
        try (SampleStore store = SqliteSampleStore.inMemory("")) {
            HistoryImport result = new HistoryImporter(new PromApiClient(vm.baseUri(), true), "vmsingle", store,
                    otherCluster).fill(START, END);

            assertThat(result.rounds()).isZero();
            assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("node, kubernetes_node, nodename,"
                    + " instance"));
        }
    }

    private static void importIntoVictoriaMetrics() throws IOException, InterruptedException {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, String> node : NODE_IPS.entrySet()) {
            String labels = "\"node\":\"" + node.getKey() + "\",\"instance\":\"" + node.getValue()
                    + ":10250\",\"job\":\"kubelet\",\"id\":\"/\"";
            lines.append(series("container_memory_working_set_bytes", labels, i -> 3 * GIB));
            lines.append(series("container_cpu_usage_seconds_total", labels, i -> 1000 + i * 7.5));
        }
        lines.append(series("container_memory_working_set_bytes", "\"node\":\"pi-worker-1\",\"namespace\":\"monitoring\","
                + "\"pod\":\"prometheus-kps-prometheus-0\",\"container\":\"prometheus\"", i -> 1.4 * GIB));
        lines.append(series("container_memory_working_set_bytes", "\"node\":\"pi-server\",\"namespace\":\"monitoring\","
                + "\"pod\":\"alloy-x7k2p\",\"container\":\"alloy\"", i -> 0.2 * GIB));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(vm.baseUri().resolve("/api/v1/import"))
                .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(204);
        http.send(HttpRequest.newBuilder(vm.baseUri().resolve("/internal/force_flush")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One JSON line for /api/v1/import: a sample every 15 s over the hour before END, plus 10 min of lead-in. */
    private static String series(String name, String labels, java.util.function.IntToDoubleFunction value) {
        StringBuilder values = new StringBuilder();
        StringBuilder times = new StringBuilder();
        Instant first = START.minus(Duration.ofMinutes(10));
        for (int i = 0; i <= 300; i++) {
            values.append(i == 0 ? "" : ",").append(value.applyAsDouble(i));
            times.append(i == 0 ? "" : ",").append(first.plusSeconds(15L * i).toEpochMilli());
        }
        return "{\"metric\":{\"__name__\":\"" + name + "\"," + labels + "},\"values\":[" + values
                + "],\"timestamps\":[" + times + "]}\n";
    }

    /** Writes a prometheus.yml and a TSDB block (promtool tsdb create-blocks-from openmetrics), returns the flags. */
    private static List<String> prometheusWithBackfill(LocalServer.Context c) {
        Path promtool = LocalServer.requireBinary("promtool");
        try {
            Path config = c.dataDir().resolve("prometheus.yml");
            Files.writeString(config, "global:\n  scrape_interval: 15s\n");
            Path metrics = c.dataDir().resolve("backfill.om");
            StringBuilder om = new StringBuilder("# TYPE node_memory_MemTotal_bytes gauge\n");
            Instant first = START.minus(Duration.ofMinutes(10));
            for (String metric : List.of("node_memory_MemTotal_bytes", "node_memory_MemAvailable_bytes")) {
                if (!metric.equals("node_memory_MemTotal_bytes")) {
                    om.append("# TYPE ").append(metric).append(" gauge\n");
                }
                for (Map.Entry<String, String> node : NODE_IPS.entrySet()) {
                    for (int i = 0; i <= 300; i++) {
                        double v = metric.equals("node_memory_MemTotal_bytes") ? 8 * GIB : 5 * GIB;
                        om.append(metric).append("{instance=\"").append(node.getValue()).append(":9100\",job=\"")
                                .append("node-exporter\"} ").append(v).append(' ')
                                .append(first.plusSeconds(15L * i).getEpochSecond()).append('\n');
                    }
                }
            }
            om.append("# TYPE node_cpu_seconds counter\n");
            for (Map.Entry<String, String> node : NODE_IPS.entrySet()) {
                for (String mode : List.of("user", "idle")) {
                    for (int i = 0; i <= 300; i++) {
                        double v = mode.equals("user") ? 500 + i * 3.75 : 9000 + i * 40;
                        om.append("node_cpu_seconds_total{cpu=\"0\",instance=\"").append(node.getValue())
                                .append(":9100\",job=\"node-exporter\",mode=\"").append(mode).append("\"} ").append(v)
                                .append(' ').append(first.plusSeconds(15L * i).getEpochSecond()).append('\n');
                    }
                }
            }
            om.append("# EOF\n");
            Files.writeString(metrics, om);
            Path tsdb = c.dataDir().resolve("tsdb");
            Process process = new ProcessBuilder(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics",
                    metrics.toString(), tsdb.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("promtool failed: " + output);
            }
            return List.of("--config.file=" + config, "--storage.tsdb.path=" + tsdb,
                    "--web.listen-address=" + c.listen());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
