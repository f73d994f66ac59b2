package dev.homelab.console.cli;

import dev.homelab.console.util.Json;
import dev.homelab.console.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The before/after comparison from the command line, rehearsed on the sandbox: {@code baseline capture} on the lab
 * as it is today (kube-prometheus-stack + Alloy; the window read from its Prometheus), then {@code compare} on the
 * lab after the migration (the built-in scenario "migrated": VictoriaMetrics + Vector, same cluster id, so the same
 * history), sampled live, as JSON and as the HTML report.
 */
class CompareCommandRehearsalTest {

    private static final Pattern EXTERNAL = Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//",
            Pattern.CASE_INSENSITIVE);
    @TempDir
    Path dir;

    /**
     * Each command in its own JVM, as a user runs them: the sandbox's cluster id (kube-system's UID) is stable from
     * one process to the next, not between two labs started in one JVM.
     */
    private JsonNode runJson(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"),
                "-Dhomelab.home=" + dir.resolve("home"),
                // the lab's metrics-server refreshes every 5 s, so each 15 s sampling round reads fresh usage
                "-Dhomelab.sandbox.tick=5s", Launcher.class.getName()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.json");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("homelab-console " + args[0] + " did not finish in 3 min: "
                    + Files.readString(stderr));
        }
        assertThat(process.exitValue()).as(Files.readString(stderr)).isZero();
        return Json.JSON.readTree(Files.readString(stdout));
    }

    @Test
    void theSavingsPerNodeAndComponentAsJsonAndAsASelfContainedReport() throws Exception {
        JsonNode baseline = runJson("baseline", "capture", "--sandbox", "--window", "10m", "--ending", "3m",
                "--output", "json");
        assertThat(baseline.path("name").asString()).isEqualTo("before migration");
        assertThat(baseline.path("window").path("components").toString()).contains("prometheus").contains("alloy");

        Path report = dir.resolve("before-after.html");
        JsonNode comparison = runJson("compare", "--sandbox", "migrated", "--baseline", "before migration",
                "--after", "2m", "--sample", "30s", "--report", report.toString(), "--output", "json");

        List<String> gone = labels(comparison, "GONE");
        List<String> added = labels(comparison, "ADDED");
        assertThat(gone).contains("Prometheus", "Alloy", "Prometheus operator",
                "node-exporter (kube-prometheus-stack)", "kube-state-metrics (kube-prometheus-stack)");
        assertThat(added).contains("vmsingle", "vmagent", "Vector", "node-exporter (victoria-metrics-k8s-stack)");
        assertThat(component(comparison, "Grafana (grafana)").path("memory").path("verdict").asString())
                .as("Grafana is kept: the history's pods are classified like the sampled ones")
                .isNotIn("GONE", "ADDED");
        JsonNode prometheus = component(comparison, "Prometheus");
        assertThat(prometheus.path("memory").path("before").asDouble()).isGreaterThan(1.2 * (1L << 30));
        assertThat(prometheus.path("memory").path("after").asDouble()).isZero();
        assertThat(comparison.path("totalMemory").path("verdict").asString()).isEqualTo("DECREASED");
        assertThat(comparison.path("totalMemory").path("absolute").asDouble()).isLessThan(-1.0 * (1L << 30));
        assertThat(comparison.path("nodes")).hasSize(4);
        int down = 0;
        for (JsonNode node : comparison.path("nodes")) {
            JsonNode memory = node.path("memory");
            assertThat(memory.path("before").asDouble()).as(node.toString()).isPositive();
            assertThat(memory.path("after").asDouble()).as(node.toString()).isPositive();
            down += memory.path("verdict").asString().equals("DECREASED") ? 1 : 0;
        }
        assertThat(down).as("nodes whose memory went down: " + comparison.path("nodes")).isGreaterThanOrEqualTo(3);
        assertThat(comparison.path("flags").toString()).contains("windows differ in length");

        String html = Files.readString(report);
        assertThat(html).containsPattern("Memory: [0-9.]+ GiB less \\(-[0-9.]+ %\\)")
                .contains("Prometheus").contains("vmsingle").contains("gone").contains("added").contains("pi-worker-1");
        assertThat(html.split("<svg", -1).length - 1).as("inline charts: component bars and one per node")
                .isGreaterThanOrEqualTo(5);
        assertThat(EXTERNAL.matcher(html).find()).as("no external resources").isFalse();
        assertThat(html).doesNotContain("<script").doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void aBaselineThatEndedInThePastCannotBeSampledNow() {
        assertThat(HomelabConsoleCommand.execute(new String[]{"baseline", "capture", "--sandbox", "--ending", "3m",
                "--sample", "30s"})).isEqualTo(ExitCodes.USAGE);
    }

    private static List<String> labels(JsonNode comparison, String verdict) {
        List<String> labels = new ArrayList<>();
        comparison.path("components").forEach(c -> {
            if (c.path("memory").path("verdict").asString().equals(verdict)) {
                labels.add(c.path("label").asString());
            }
        });
        return labels;
    }

    private static JsonNode component(JsonNode comparison, String label) {
        for (JsonNode c : comparison.path("components")) {
            if (c.path("label").asString().equals(label)) {
                return c;
            }
        }
        throw new AssertionError("no component " + label + " in " + comparison.path("components"));
    }
}
