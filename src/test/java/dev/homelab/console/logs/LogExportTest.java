package dev.homelab.console.logs;

import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogExportTest {

    private static final LogEntry ENTRY = LogEntry.fromLoki(1_764_140_400_123_456_789L,
            StreamLabels.of(Map.of("pod", "coredns-1", "namespace", "kube-system")), "{\"level\":\"error\",\"msg\":\"x\"}");

    @Test
    void textHasTheNanosecondTimestampLabelsAndLine() {
        assertThat(LogExport.text(ENTRY)).isEqualTo("2025-11-26T07:00:00.123456789Z "
                + "{namespace=\"kube-system\", pod=\"coredns-1\"} {\"level\":\"error\",\"msg\":\"x\"}");
        assertThat(LogExport.text(new LogRow(ENTRY, 3))).endsWith("(×3)");
    }

    @Test
    void jsonLinesCarryLabelsLevelAndRepeats() {
        var node = Json.JSON.readTree(LogExport.jsonLine(new LogRow(ENTRY, 2)));

        assertThat(node.get("ns").asString()).isEqualTo("1764140400123456789");
        assertThat(node.get("labels").get("pod").asString()).isEqualTo("coredns-1");
        assertThat(node.get("level").asString()).isEqualTo("error");
        assertThat(node.get("repeats").asInt()).isEqualTo(2);
        assertThat(node.has("source")).isFalse();
    }

    @Test
    void writesAFileInEitherFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.jsonl");
        LogExport.write(List.of(LogRow.of(ENTRY), LogRow.of(ENTRY)), LogExport.Format.JSON_LINES, file);

        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\""));
    }

    @Test
    void prettyPrintsJsonAndLeavesOtherLinesAlone() {
        assertThat(LogExport.prettyJson(ENTRY.line())).contains("\n").contains("\"msg\" : \"x\"");
        assertThat(LogExport.prettyJson("level=info msg=x")).isEqualTo("level=info msg=x");
        assertThat(LogExport.prettyJson("{not json")).isEqualTo("{not json");
    }
}
