package dev.homelab.console.logs;

import dev.homelab.console.cli.CliRun;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logs query} / {@code logs tail} against the Loki fake, with --loki-url (no cluster needed). */
class LogsCommandTest {

    private static final Map<String, String> STREAM = Map.of("namespace", "kube-system", "pod", "coredns-1");

    private FakeLoki loki;
    @RegisterExtension
    final CliRun cli = new CliRun();

    @BeforeEach
    void start() throws Exception {
        loki = new FakeLoki();
        long now = NanoTime.of(Instant.now());
        loki.add(STREAM, now - 3_000_000_000L, "[INFO] first");
        loki.add(STREAM, now - 2_000_000_000L, "[ERROR] second");
    }

    @AfterEach
    void stop() {
        loki.close();
    }

    @Test
    void queryPrintsJsonLinesNewestFirst() {
        int code = cli.run("logs", "query", "{namespace=\"kube-system\"}",
                "--since", "1h", "--limit", "10", "--loki-url", loki.uri().toString(), "--output", "json");

        assertThat(code).isZero();
        List<String> lines = cli.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Json.JSON.readTree(lines.get(0)).get("line").asString()).isEqualTo("[ERROR] second");
        assertThat(Json.JSON.readTree(lines.get(0)).get("level").asString()).isEqualTo("error");
    }

    @Test
    void queryPrintsTextOldestFirst() {
        int code = cli.run("logs", "query", "{namespace=\"kube-system\"}",
                "--oldest-first", "--loki-url", loki.uri().toString());

        assertThat(code).isZero();
        assertThat(cli.stdout().lines().toList())
                .satisfiesExactly(l -> assertThat(l).endsWith("[INFO] first"), l -> assertThat(l).endsWith("[ERROR] second"));
    }

    @Test
    void aBadQueryIsAUsageErrorWithLokisMessage() {
        int code = cli.run("logs", "query", "namespace=kube-system",
                "--loki-url", loki.uri().toString());

        assertThat(code).isEqualTo(2);
        assertThat(cli.stderr()).contains("parse error at line 1");
    }

    @Test
    void tailPrintsTheReplayAndStopsAfterMaxLines() {
        int code = cli.run("logs", "tail", "{namespace=\"kube-system\"}",
                "--since", "1m", "--max-lines", "2", "--for", "20s", "--loki-url", loki.uri().toString(),
                "--output", "json");

        assertThat(code).isZero();
        assertThat(cli.stdout().lines().toList()).hasSize(2)
                .allSatisfy(l -> assertThat(Json.JSON.readTree(l).get("labels").get("pod").asString())
                        .isEqualTo("coredns-1"));
    }
}
