package dev.homelab.console.telemetry.baseline;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentKind;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Stats;
import dev.homelab.console.telemetry.TestTicks;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.report.ComparisonReport;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SampleStores;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static dev.homelab.console.telemetry.TestTicks.gib;
import static dev.homelab.console.telemetry.TestTicks.mib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Baselines captured from a real SQLite history and compared with an after window. */
class ComparisonTest {

    @TempDir
    Path dir;

    private static final Component PROMETHEUS = Component.of(ComponentKind.PROMETHEUS);
    private static final Component VMSINGLE = Component.of(ComponentKind.VMSINGLE);
    private static final Component LOKI = Component.of(ComponentKind.LOKI);
    private static final long HOUR = 3_600_000;

    @Test
    void noiseRuleCallsAChangeWithinTheWindowsVariationNoClearChange() {
        Stats before = Stats.of(new double[]{100, 120, 80, 110, 90});
        Stats after = Stats.of(new double[]{95, 115, 85, 105, 92});
        assertThat(Change.of(before, after).verdict()).isEqualTo(Change.Verdict.NO_CLEAR_CHANGE);

        Stats lower = Stats.of(new double[]{40, 42, 38, 41, 39});
        Change clear = Change.of(before, lower);
        assertThat(clear.verdict()).isEqualTo(Change.Verdict.DECREASED);
        assertThat(clear.absolute()).isEqualTo(-60);
        assertThat(clear.relative()).isCloseTo(-0.6, within(0.001));

        assertThat(Change.of(Stats.of(new double[]{1, 2}), Stats.of(new double[]{5, 6})).verdict())
                .isEqualTo(Change.Verdict.NOT_ENOUGH_DATA);
        assertThat(Change.of(before, Stats.EMPTY).verdict()).isEqualTo(Change.Verdict.GONE);
        assertThat(Change.of(Stats.EMPTY, after).verdict()).isEqualTo(Change.Verdict.ADDED);
    }

    @Test
    void theMigrationShowsPrometheusGoneAndVmsingleAddedPerNodeAndInTotal() {
        long start = System.currentTimeMillis() - 4 * HOUR;
        try (SampleStore store = SampleStores.open(dir.resolve("c.db"))) {
            // before: 2 nodes, Prometheus 1.4 GiB on worker-1, Loki everywhere
            TestTicks.write(store, start, 240, i -> usage(i, gib(3.4), gib(1.4), 0));
            // after: Prometheus gone, vmsingle 210 MiB
            TestTicks.write(store, start + 2 * HOUR, 120, i -> usage(i, gib(2.0) + mib(210), 0, mib(210)));
            Clock clock = Clock.fixed(Instant.ofEpochMilli(start + 2 * HOUR + 30 * 60_000), ZoneOffset.UTC);
            Baselines baselines = new Baselines(store, clock);
            Baseline baseline = baselines.capture("before migration", Instant.ofEpochMilli(start),
                    Instant.ofEpochMilli(start + HOUR));

            assertThat(baseline.window().coverage()).isEqualTo(1.0);
            assertThat(baseline.window().components()).containsKeys("prometheus", "loki");
            assertThat(baseline.window().nodes().get("pi-worker-1").memory().mean()).isCloseTo(gib(3.4) + mib(16),
                    within(1e3));

            Comparison comparison = Comparer.compare(baseline, new WindowAnalyzer(store)
                    .summarize(start + 2 * HOUR, start + 2 * HOUR + 30 * 60_000));

            assertThat(comparison.gone()).extracting(Comparison.ComponentChange::label).containsExactly("Prometheus");
            assertThat(comparison.added()).extracting(Comparison.ComponentChange::label).containsExactly("vmsingle");
            assertThat(comparison.gone().get(0).memory().before()).isCloseTo(gib(1.4), within(1e6));
            assertThat(comparison.added().get(0).memory().after()).isCloseTo(mib(210), within(1e6));
            Comparison.NodeChange worker = comparison.nodes().stream().filter(n -> n.node().equals("pi-worker-1"))
                    .findFirst().orElseThrow();
            assertThat(worker.memory().verdict()).isEqualTo(Change.Verdict.DECREASED);
            assertThat(worker.memory().absolute()).isCloseTo(-(gib(1.4) - mib(210)), within(1e6));
            Comparison.NodeChange server = comparison.nodes().stream().filter(n -> n.node().equals("pi-server"))
                    .findFirst().orElseThrow();
            assertThat(server.memory().verdict()).isEqualTo(Change.Verdict.NO_CLEAR_CHANGE);
            assertThat(comparison.totalMemory().verdict()).isEqualTo(Change.Verdict.DECREASED);
            assertThat(comparison.components()).filteredOn(c -> c.label().equals("Loki")).singleElement()
                    .satisfies(c -> {
                        assertThat(c.memory().verdict()).isEqualTo(Change.Verdict.NO_CLEAR_CHANGE);
                        assertThat(c.cpu().verdict()).isEqualTo(Change.Verdict.NO_CLEAR_CHANGE);
                    });
            assertThat(comparison.flags()).anySatisfy(f -> assertThat(f).contains("differ in length"));

            String text = ComparisonReport.text(comparison, ZoneOffset.UTC);
            assertThat(text).contains("Prometheus").contains("gone").contains("vmsingle").contains("added");
            String html = ComparisonReport.html(comparison, store, "homelab", ZoneOffset.UTC);
            assertThat(html).contains("<svg").contains("Prometheus").contains("pi-worker-1")
                    .doesNotContain("src=").doesNotContain("href=").doesNotContain("<script");
            assertThat(Json.JSON.writeValueAsString(comparison)).contains("\"verdict\":\"GONE\"");
        }
    }

    @Test
    void missingSamplesAreFlagged() {
        long start = System.currentTimeMillis() - 4 * HOUR;
        try (SampleStore store = SampleStores.open(dir.resolve("m.db"))) {
            TestTicks.write(store, start, 240, i -> usage(i, gib(3), gib(1), 0));
            // after window: only the first 20 of 60 minutes sampled
            TestTicks.write(store, start + 2 * HOUR, 80, i -> usage(i, gib(3), gib(1), 0));
            Baselines baselines = new Baselines(store, Clock.systemUTC());
            Baseline baseline = baselines.capture("b", Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + HOUR));
            Comparison comparison = Comparer.compare(baseline,
                    new WindowAnalyzer(store).summarize(start + 2 * HOUR, start + 3 * HOUR));

            assertThat(comparison.flags()).anySatisfy(f -> assertThat(f).contains("after window is missing 67 %"));
            assertThat(comparison.flags()).noneSatisfy(f -> assertThat(f).contains("differ in length"));
        }
    }

    @Test
    void baselinesAreListedRenamedAndDeletedAndSurviveJson() {
        long start = System.currentTimeMillis() - HOUR;
        try (SampleStore store = SampleStores.open(dir.resolve("l.db"))) {
            TestTicks.write(store, start, 100, i -> usage(i, gib(3), gib(1), 0));
            Baselines baselines = new Baselines(store, Clock.systemUTC());
            baselines.capture("first", java.time.Duration.ofMinutes(60));

            assertThatThrownBy(() -> baselines.capture("first", java.time.Duration.ofMinutes(60)))
                    .hasMessageContaining("already exists");
            baselines.rename("first", "before migration");
            assertThat(baselines.names()).containsExactly("before migration");
            Baseline loaded = baselines.get("before migration").orElseThrow();
            assertThat(loaded.window().nodes().get("pi-worker-1").memory().p95()).isCloseTo(gib(3) + mib(32), within(1e3));
            baselines.delete("before migration");
            assertThat(baselines.list()).isEmpty();
            assertThatThrownBy(() -> baselines.delete("nope")).hasMessageContaining("No baseline named 'nope'");
        }
    }

    @Test
    void aWindowWithoutSamplesCannotBecomeABaseline() {
        try (SampleStore store = SampleStores.open(dir.resolve("e.db"))) {
            assertThatThrownBy(() -> new Baselines(store, Clock.systemUTC()).capture("x", java.time.Duration.ofHours(1)))
                    .isInstanceOf(Baselines.NoSamplesException.class)
                    .hasMessageContaining("No samples");
        }
    }

    /** Two nodes with a little noise; Loki on the server, the metrics DB on worker-1. */
    private static Map<SeriesKey, Usage> usage(int i, double workerMemory, double prometheus, double vmsingle) {
        double noise = (i % 5) * mib(8);
        Map<SeriesKey, Usage> usage = new HashMap<>();
        usage.put(SeriesKey.node("pi-server"), new Usage(0.6 + (i % 3) * 0.05, gib(2.5) + noise));
        usage.put(SeriesKey.node("pi-worker-1"), new Usage(0.9 + (i % 3) * 0.05, workerMemory + noise));
        usage.put(SeriesKey.component("pi-server", LOKI), new Usage(0.05, mib(300) + noise));
        if (prometheus > 0) {
            usage.put(SeriesKey.component("pi-worker-1", PROMETHEUS), new Usage(0.3, prometheus));
        }
        if (vmsingle > 0) {
            usage.put(SeriesKey.component("pi-worker-1", VMSINGLE), new Usage(0.05, vmsingle));
        }
        return usage;
    }
}
