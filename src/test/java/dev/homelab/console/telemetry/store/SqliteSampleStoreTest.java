package dev.homelab.console.telemetry.store;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentKind;
import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.TestTicks;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The store on a real SQLite file. */
class SqliteSampleStoreTest {

    @TempDir
    Path dir;

    private static final SeriesKey NODE = SeriesKey.node("pi-worker-1");
    private static final SeriesKey PROMETHEUS = SeriesKey.component("pi-worker-1", Component.of(ComponentKind.PROMETHEUS));

    @Test
    void samplesSurviveAReopenWithTheirPrecision() {
        Path file = dir.resolve("cluster.db");
        long start = System.currentTimeMillis() - 3_600_000;
        try (SampleStore store = SampleStores.open(file)) {
            TestTicks.write(store, start, 10, i -> Map.of(NODE, new Usage(0.123456 + i, TestTicks.gib(2) + i),
                    PROMETHEUS, new Usage(0.0004, TestTicks.mib(1400))));
            assertThat(store.status().healthy()).isTrue();
        }
        try (SampleStore store = SampleStores.open(file)) {
            TimeSeries cpu = store.read(NODE, Metric.CPU, start, start + 3_600_000, 0);
            assertThat(cpu.size()).isEqualTo(10);
            assertThat(cpu.high(0)).isCloseTo(0.123456, within(1e-6));
            assertThat(store.readRaw(PROMETHEUS, start, start + 3_600_000).memory()[3])
                    .isEqualTo(TestTicks.mib(1400));
            assertThat(store.seriesKeys(start, start + 3_600_000)).containsExactlyInAnyOrder(NODE, PROMETHEUS);
            assertThat(store.ticks(start, start + 3_600_000)).hasSize(10);
            assertThat(store.interval(start, start + 3_600_000)).contains(Duration.ofSeconds(15));
            assertThat(store.allocatable()).containsEntry("pi-worker-1", TestTicks.PI5);
            assertThat(store.status().path()).isEqualTo(file);
        }
        assertThat(Files.exists(dir.resolve("cluster.db-wal")) || Files.exists(file)).isTrue();
    }

    @Test
    void bucketedReadsKeepEachBucketsMinimumAndMaximum() {
        try (SampleStore store = SampleStores.open(dir.resolve("b.db"))) {
            long start = System.currentTimeMillis() - 3_600_000;
            TestTicks.write(store, start, 40, i -> Map.of(NODE, new Usage(i == 17 ? 3.5 : 1, 0)));
            TimeSeries buckets = store.read(NODE, Metric.CPU, start, start + 40 * 15_000, 150_000);

            assertThat(buckets.size()).isEqualTo(4);
            assertThat(buckets.high(1)).isEqualTo(3.5);
            assertThat(buckets.low(1)).isEqualTo(1);
            assertThat(buckets.gapBefore(1)).isFalse();
        }
    }

    @Test
    void pruningDropsWhatIsOlderThanTheRetention() {
        try (SampleStore store = SampleStores.open(dir.resolve("p.db"))) {
            long now = System.currentTimeMillis();
            TestTicks.write(store, now - Duration.ofDays(40).toMillis(), 5, i -> Map.of(NODE, new Usage(1, 1)));
            TestTicks.write(store, now - 600_000, 5, i -> Map.of(NODE, new Usage(2, 2)));
            store.prune(Duration.ofDays(30), Long.MAX_VALUE);

            assertThat(store.readRaw(NODE, 0, now).size()).isEqualTo(5);
            assertThat(store.ticks(0, now)).hasSize(5);
        }
    }

    @Test
    void pruningToASizeLimitDropsTheOldestDaysFirst() {
        try (SampleStore store = SampleStores.open(dir.resolve("s.db"))) {
            long now = System.currentTimeMillis();
            for (int day = 5; day >= 1; day--) {
                long start = now - Duration.ofDays(day).toMillis();
                TestTicks.write(store, start, 600, i -> Map.of(NODE, new Usage(i, i), PROMETHEUS, new Usage(i, i)));
            }
            long before = store.sizeBytes();
            store.prune(Duration.ofDays(30), before / 2);

            assertThat(store.sizeBytes()).isLessThanOrEqualTo(before / 2);
            assertThat(store.readRaw(NODE, now - Duration.ofDays(1).toMillis() - 1, now).size()).isEqualTo(600);
            assertThat(store.readRaw(NODE, 0, now - Duration.ofDays(4).toMillis()).size()).isZero();
        }
    }

    @Test
    void baselinesPodsAndImportsAreKeptWithTheHistory() {
        try (SampleStore store = SampleStores.open(dir.resolve("k.db"))) {
            store.putBaseline("before", 1, "{\"a\":1}");
            store.putBaseline("later", 2, "{\"b\":2}");
            assertThat(store.baselines()).containsOnlyKeys("before", "later");
            assertThat(store.deleteBaseline("before")).isTrue();
            assertThat(store.deleteBaseline("before")).isFalse();
            store.rememberPods(Map.of("monitoring/prometheus-0", "prometheus"));
            assertThat(store.knownPods()).containsEntry("monitoring/prometheus-0", "prometheus");
            store.recordImport(new ImportRecord(10, 20, "Prometheus monitoring/kps-prometheus:9090",
                    List.of("max by (node) (container_memory_working_set_bytes{id=\"/\"})")));
            assertThat(store.imports(0, 15)).singleElement()
                    .satisfies(r -> assertThat(r.queries()).containsExactly(
                            "max by (node) (container_memory_working_set_bytes{id=\"/\"})"));
        }
    }

    @Test
    void aCorruptFileIsReportedWithItsPathAndTheAppKeepsSamplingInMemory() throws Exception {
        Path file = dir.resolve("corrupt.db");
        Files.write(file, "this is not a database, it is a text file that got in the way".repeat(100).getBytes());
        try (SampleStore store = SampleStores.open(file)) {
            assertThat(store.status().persistent()).isFalse();
            assertThat(store.status().problem()).contains(file.toString()).contains("corrupt");
            TestTicks.write(store, System.currentTimeMillis(), 3, i -> Map.of(NODE, new Usage(1, 2)));
            assertThat(store.readRaw(NODE, 0, Long.MAX_VALUE).size()).isEqualTo(3);
        }
        assertThat(Files.readString(file)).startsWith("this is not a database");
    }

    @Test
    void aDatabaseLockedByAnotherProgramIsReportedNotFatal() throws Exception {
        Path file = dir.resolve("locked.db");
        try (SampleStore first = SampleStores.open(file)) {
            assertThat(first.status().healthy()).isTrue();
        }
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA locking_mode=EXCLUSIVE");
            statement.execute("PRAGMA journal_mode=DELETE");
            statement.execute("BEGIN EXCLUSIVE");
            statement.execute("INSERT INTO meta(key, value) VALUES ('lock', 'held')");
            try (SampleStore store = SampleStores.open(file)) {
                assertThat(store.status().healthy()).isFalse();
                assertThat(store.status().problem()).contains(file.toString()).contains("locked");
                TestTicks.write(store, System.currentTimeMillis(), 2, i -> Map.of(NODE, new Usage(1, 2)));
                assertThat(store.readRaw(NODE, 0, Long.MAX_VALUE).size()).isEqualTo(2);
            }
            statement.execute("ROLLBACK");
        }
    }
}
