package dev.homelab.console.telemetry.store;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Usage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's own history of one cluster: samples, sampling ticks, nodes' allocatable resources, which pods were
 * which component, baselines, and ranges filled from PromQL. Methods never throw on storage trouble: they log,
 * report it through {@link #status()} and answer empty, so the app keeps running without history.
 */
public interface SampleStore extends AutoCloseable {

    void append(Tick tick);

    /**
     * Points of a series in [from, to]; with {@code bucketMillis > 0} one point per bucket carrying the bucket's
     * minimum and maximum (how a week is read for a chart a thousand pixels wide).
     */
    TimeSeries read(SeriesKey key, Metric metric, long from, long to, long bucketMillis);

    RawSeries readRaw(SeriesKey key, long from, long to);

    /** Series with at least one sample in [from, to]. */
    Set<SeriesKey> seriesKeys(long from, long to);

    /** Times of the sampling ticks in [from, to]. */
    long[] ticks(long from, long to);

    /** The sampling interval recorded with the ticks in [from, to] (the most common one), or empty. */
    Optional<Duration> interval(long from, long to);

    Map<String, Usage> allocatable();

    void rememberPods(Map<String, String> podToComponent);

    /** "namespace/pod" → component key, of every monitoring pod ever sampled. */
    Map<String, String> knownPods();

    void putBaseline(String name, long createdMillis, String json);

    /** Baselines' JSON by name, oldest first. */
    Map<String, String> baselines();

    boolean deleteBaseline(String name);

    void recordImport(ImportRecord record);

    List<ImportRecord> imports(long from, long to);

    /** Deletes samples older than {@code retention}, then the oldest days until the file is under maxBytes. */
    void prune(Duration retention, long maxBytes);

    long sizeBytes();

    StoreStatus status();

    @Override
    void close();
}
