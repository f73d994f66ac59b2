package dev.homelab.console.verify.vm;

import com.sun.net.httpserver.HttpServer;
import dev.homelab.console.task.Progress;
import dev.homelab.console.testing.LocalServer;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.prom.MetricsText;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.vm.RuleSets.ConverterSettings;
import dev.homelab.console.verify.vm.RuleSets.PrometheusRuleSource;
import dev.homelab.console.verify.vm.RuleSets.VmRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics pipeline's verifications against the real Debian servers: victoria-metrics, vmagent with a disk
 * queue scraping one small /metrics endpoint per "node", vmalert with operator-style rule files, and two
 * Alertmanagers whose real pushover integration either has no way out (the honest failure) or reaches a local
 * stand-in for api.pushover.net through its proxy setting.
 */
@Tag("realserver")
class MetricsPipelineRealServerTest {

    private static final String TOKEN = "aFakeAppToken0123456789abcdefghij";
    private static final String USER_KEY = "uFakeUserKey0123456789abcdefghij";
    private static final List<NodeIdentity> HEALTHY_NODES = List.of(
            new NodeIdentity("pi-worker-1", Set.of("10.0.0.11")), new NodeIdentity("pi-worker-2", Set.of("10.0.0.12")));
    private static final NodeIdentity DOWN_NODE = new NodeIdentity("pi-worker-3", Set.of("10.0.0.13"));

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static Path work;
    private static LocalServer vm;
    private static LocalServer vmagent;
    private static LocalServer vmalert;
    private static LocalServer alertmanagerOffline;
    private static LocalServer alertmanagerOnline;
    private static FakePushoverProxy pushover;

    @BeforeAll
    static void startPipeline() throws Exception {
        LocalServer.requireBinary("victoria-metrics");
        LocalServer.requireBinary("vmagent");
        LocalServer.requireBinary("vmalert");
        LocalServer.requireBinary("prometheus-alertmanager");
        work = Files.createTempDirectory("homelab-metrics-pipeline-");
        int node1 = serveNodeMetrics("pi-worker-1");
        int node2 = serveNodeMetrics("pi-worker-2");
        int closed = LocalServer.freePort();

        vm = open(LocalServer.start("victoria-metrics", c -> List.of("-httpListenAddr=" + c.listen(),
                "-storageDataPath=" + c.dataDir().resolve("data"), "-retentionPeriod=1", "-search.disableCache",
                "-search.latencyOffset=1s"), "/health", Duration.ofSeconds(30)));

        Path scrapeConfig = work.resolve("scrape.yml");
        Files.writeString(scrapeConfig, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: node-exporter
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                        labels: {node: pi-worker-1}
                      - targets: ['127.0.0.1:%d']
                        labels: {node: pi-worker-2}
                      - targets: ['127.0.0.1:%d']
                        labels: {node: pi-worker-3}
                """.formatted(node1, node2, closed));
        vmagent = open(LocalServer.start("vmagent", c -> List.of("-httpListenAddr=" + c.listen(),
                "-promscrape.config=" + scrapeConfig, "-remoteWrite.url=" + vm.baseUri() + "/api/v1/write",
                "-remoteWrite.tmpDataPath=" + c.dataDir().resolve("vmagent-data"),
                "-remoteWrite.maxDiskUsagePerURL=64MB", "-remoteWrite.flushInterval=500ms"), "/ready",
                Duration.ofSeconds(30)));

        pushover = FakePushoverProxy.start(work);
        OPEN.add(pushover);
        alertmanagerOffline = open(startAlertmanager("offline", "http://127.0.0.1:" + LocalServer.freePort(), null));
        alertmanagerOnline = open(startAlertmanager("online", pushover.proxyUrl(), pushover.caFile()));

        Path rules = Files.createDirectories(work.resolve("rules"));
        // Named like the operator names rule files: <namespace>-<VMRule name>.yaml
        Files.writeString(rules.resolve("monitoring-kps-general.yaml"), """
                groups:
                  - name: general.rules
                    rules:
                      - alert: Watchdog
                        expr: vector(1)
                        labels: {severity: none}
                """);
        Files.writeString(rules.resolve("monitoring-kps-node.yaml"), """
                groups:
                  - name: node.rules
                    rules:
                      - record: node:up:sum
                        expr: sum(up{job="node-exporter"})
                """);
        Files.writeString(rules.resolve("monitoring-vmks-rule-general.rules.yaml"), """
                groups:
                  - name: general.rules
                    rules:
                      - alert: Watchdog
                        expr: vector(1)
                        labels: {severity: none}
                """);
        vmalert = open(LocalServer.start("vmalert", c -> List.of("-httpListenAddr=" + c.listen(),
                "-rule=" + rules + "/*.yaml", "-datasource.url=" + vm.baseUri(),
                "-notifier.url=" + alertmanagerOffline.baseUri(), "-remoteWrite.url=" + vm.baseUri(),
                "-evaluationInterval=1s"), "/health",
                Duration.ofSeconds(30)));
    }

    private static LocalServer startAlertmanager(String name, String proxyUrl, Path caFile) throws Exception {
        Path config = work.resolve("alertmanager-" + name + ".yml");
        String tls = caFile == null ? "" : "\n          tls_config:\n            ca_file: " + caFile;
        // Debian's Alertmanager 0.25 predates token_file/user_key_file (0.26+, used in the cluster): inline fakes here.
        Files.writeString(config, """
                route:
                  receiver: pushover
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1s
                  routes:
                    - matchers: ['alertname="Watchdog"']
                      receiver: blackhole
                receivers:
                  - name: blackhole
                  - name: pushover
                    pushover_configs:
                      - token: %s
                        user_key: %s
                        priority: "0"
                        http_config:
                          proxy_url: %s%s
                """.formatted(TOKEN, USER_KEY, proxyUrl, tls));
        return LocalServer.start("prometheus-alertmanager", c -> List.of("--config.file=" + config,
                "--storage.path=" + c.dataDir(), "--web.listen-address=" + c.listen(), "--cluster.listen-address="),
                "/-/ready", Duration.ofSeconds(30));
    }

    private static int serveNodeMetrics(String node) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = ("node_load1{nodename=\"" + node + "\"} 0.42\nnode_memory_MemAvailable_bytes 4.1e+09\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        OPEN.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    private static LocalServer open(LocalServer server) {
        OPEN.add(server);
        return server;
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (int i = OPEN.size() - 1; i >= 0; i--) {
            OPEN.get(i).close();
        }
    }

    private static NodeScrapeCheck nodeCheck() {
        return new NodeScrapeCheck(new VmAgentClient(vmagent.baseUri()), new PromApiClient(vm.baseUri(), true));
    }

    @Test
    void everyScrapedNodeHasAHealthyTargetAndUpOneInVictoriaMetrics() {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(nodeCheck().run(HEALTHY_NODES)).extracting(CheckResult::verdict)
                        .containsExactly(Verdict.PASSED, Verdict.PASSED));
        List<CheckResult> results = nodeCheck().run(HEALTHY_NODES);
        assertThat(results.get(1).evidence()).anySatisfy(e ->
                assertThat(e.observation()).isEqualTo("pi-worker-1: up=1 for node-exporter"));
    }

    @Test
    void aNodeWhoseExporterIsDownIsRedWithTheScrapeError() {
        List<NodeIdentity> nodes = new ArrayList<>(HEALTHY_NODES);
        nodes.add(DOWN_NODE);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<CheckResult> results = nodeCheck().run(nodes);
            assertThat(results.get(0).verdict()).isEqualTo(Verdict.FAILED);
            assertThat(results.get(0).summary()).contains("pi-worker-3").doesNotContain("pi-worker-1");
            assertThat(results.get(0).evidence()).anySatisfy(e ->
                    assertThat(e.observation()).startsWith("pi-worker-3:").contains("down").contains("refused"));
            assertThat(results.get(1).verdict()).isEqualTo(Verdict.FAILED);
            assertThat(results.get(1).summary()).contains("pi-worker-3");
        });
    }

    @Test
    void vmagentBuffersInItsDiskQueue() throws Exception {
        MetricsText metrics = new VmAgentClient(vmagent.baseUri()).metrics();
        assertThat(metrics.named("vm_persistentqueue_bytes_pending")).isNotEmpty()
                .allSatisfy(line -> assertThat(line.label("path")).contains("vmagent-data"));
    }

    @Test
    void convertedRuleGroupsAreFoundLoadedInTheRealVmalertAndDuplicatesAreReported() {
        List<PrometheusRuleSource> sources = List.of(
                new PrometheusRuleSource("monitoring", "kps-general", List.of("general.rules")),
                new PrometheusRuleSource("monitoring", "kps-node", List.of("node.rules")));
        List<VmRule> vmRules = List.of(
                new VmRule("monitoring", "kps-general", List.of("general.rules"), "operational", "", List.of()),
                new VmRule("monitoring", "kps-node", List.of("node.rules"), "operational", "", List.of()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<CheckResult> results = new RuleConversionCheck().run(sources, vmRules,
                    new VmAlertClient(vmalert.baseUri()), new ConverterSettings(true, Optional.of(false), "test"));
            assertThat(results.get(0).verdict()).isEqualTo(Verdict.PASSED);
            assertThat(results.get(1).verdict()).isEqualTo(Verdict.PASSED);
            assertThat(results.get(1).summary()).contains("All 2 groups").contains("general.rules")
                    .contains("notify twice");
            assertThat(results.get(2).summary()).startsWith("Converter ownership is disabled");
        });
    }

    @Test
    void aRuleGroupVmalertDidNotLoadIsRed() {
        List<PrometheusRuleSource> sources = List.of(
                new PrometheusRuleSource("monitoring", "kps-node", List.of("node.rules")),
                new PrometheusRuleSource("apps", "app-alerts", List.of("app.rules")));
        List<CheckResult> results = new RuleConversionCheck().run(sources, List.of(
                        new VmRule("monitoring", "kps-node", List.of("node.rules"), "operational", "", List.of())),
                new VmAlertClient(vmalert.baseUri()), new ConverterSettings(true, Optional.of(true), "test"));
        assertThat(results.get(0).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(results.get(0).summary()).contains("apps/app-alerts");
        assertThat(results.get(1).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(results.get(1).summary()).contains("apps/app-alerts:app.rules");
    }

    @Test
    void vmalertFiresTheWatchdog() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(new VmAlertClient(vmalert.baseUri()).alerts())
                        .anySatisfy(a -> assertThat(a).extracting(ActiveAlert::name, ActiveAlert::state)
                                .containsExactly("Watchdog", "firing")));
    }

    @Test
    void pushoverDeliveryWithoutInternetIsRedWithAlertmanagersError() throws Exception {
        CheckResult result = deliveryCheck(alertmanagerOffline).run(Progress.none());
        CheckResult unmasked = new PushoverDeliveryCheck(new AlertmanagerClient(alertmanagerOffline.baseUri()),
                since -> Arrays.asList(alertmanagerOffline.log().split("\n")), text -> text, Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofMillis(500)).run(Progress.none());

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("failed").contains("connect").contains("refused");
        assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(USER_KEY);
        // Go puts the request URL (0.25: with token and user in its query) into the error: cut even when unmasked
        assertThat(unmasked.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(unmasked.toString()).doesNotContain(TOKEN).doesNotContain(USER_KEY);
    }

    @Test
    void pushoverDeliveryThroughTheLocalStandInIsGreen() throws Exception {
        CheckResult result = deliveryCheck(alertmanagerOnline).run(Progress.none());

        assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.PASSED);
        assertThat(pushover.received()).anySatisfy(request -> {
            assertThat(request.requestLine()).startsWith("POST /1/messages.json");
            // Alertmanager 0.25 sends the form in the query string, newer versions in the body
            assertThat(request.requestLine() + request.body()).contains("token=" + TOKEN).contains("user=" + USER_KEY)
                    .contains(PushoverDeliveryCheck.ALERT_NAME);
        });
        assertThat(result.toString()).doesNotContain(TOKEN).doesNotContain(USER_KEY);
    }

    private static PushoverDeliveryCheck deliveryCheck(LocalServer alertmanager) {
        NotificationLog log = since -> Arrays.asList(alertmanager.log().split("\n"));
        return new PushoverDeliveryCheck(new AlertmanagerClient(alertmanager.baseUri()), log,
                text -> text.replace(TOKEN, "••••").replace(USER_KEY, "••••"), Clock.systemUTC(),
                Duration.ofSeconds(30), Duration.ofMillis(500));
    }
}
