package dev.homelab.console.telemetry.store;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SampleStore} on SQLite (WAL, so the CLI can read while the app writes). CPU is kept as integer
 * micro-cores and memory as integer bytes in a WITHOUT ROWID table keyed by (series, time): about 20 bytes a sample.
 * Storage errors after opening are logged once per kind and surface in {@link #status()}; they never propagate.
 */
public final class SqliteSampleStore implements SampleStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteSampleStore.class);
    private static final long DEFAULT_INTERVAL_MILLIS = 15_000;
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE IF NOT EXISTS series(id INTEGER PRIMARY KEY, node TEXT NOT NULL, component TEXT NOT NULL,"
                + " UNIQUE(node, component))",
        "CREATE TABLE IF NOT EXISTS sample(series INTEGER NOT NULL, ts INTEGER NOT NULL, cpu_u INTEGER NOT NULL,"
                + " mem INTEGER NOT NULL, PRIMARY KEY(series, ts)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS tick(ts INTEGER PRIMARY KEY, interval_ms INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS allocatable(node TEXT PRIMARY KEY, cpu REAL NOT NULL, mem INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS pod_component(pod TEXT PRIMARY KEY, component TEXT NOT NULL, seen INTEGER)",
        "CREATE TABLE IF NOT EXISTS baseline(name TEXT PRIMARY KEY, created INTEGER NOT NULL, body TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS history_import(from_ts INTEGER, to_ts INTEGER, source TEXT, queries TEXT)",
    };

    private final Connection connection;
    private final Path path;
    private final Map<SeriesKey, Long> seriesIds = new HashMap<>();
    private volatile String problem = "";

    private SqliteSampleStore(Connection connection, Path path) {
        this.connection = connection;
        this.path = path;
    }

    /** Opens (creating when absent) the database file; throws when it is locked, corrupt or not a database. */
    public static SqliteSampleStore open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try {
            init(connection, true);
            return new SqliteSampleStore(connection, file);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** A database in memory: live charts without history when the file cannot be used. */
    public static SqliteSampleStore inMemory(String problem) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
            init(connection, false);
            SqliteSampleStore store = new SqliteSampleStore(connection, null);
            store.problem = problem;
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite cannot even open an in-memory database: " + e.getMessage(), e);
        }
    }

    private static void init(Connection connection, boolean file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=3000");
            if (file) {
                statement.execute("PRAGMA auto_vacuum=INCREMENTAL");
                try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode=WAL")) {
                    mode.next();
                }
            }
            statement.execute("PRAGMA synchronous=NORMAL");
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
            statement.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '1')");
        }
    }

    @Override
    public synchronized void append(Tick tick) {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO sample(series, ts, cpu_u, mem) VALUES (?, ?, ?, ?)");
                 PreparedStatement tickInsert = connection.prepareStatement(
                         "INSERT OR REPLACE INTO tick(ts, interval_ms) VALUES (?, ?)");
                 PreparedStatement alloc = connection.prepareStatement(
                         "INSERT OR REPLACE INTO allocatable(node, cpu, mem) VALUES (?, ?, ?)")) {
                for (Map.Entry<SeriesKey, Usage> entry : tick.usage().entrySet()) {
                    insert.setLong(1, seriesId(entry.getKey()));
                    insert.setLong(2, tick.timestampMillis());
                    insert.setLong(3, Math.round(entry.getValue().cpuCores() * 1_000_000));
                    insert.setLong(4, Math.round(entry.getValue().memoryBytes()));
                    insert.addBatch();
                }
                insert.executeBatch();
                tickInsert.setLong(1, tick.timestampMillis());
                tickInsert.setLong(2, tick.intervalMillis());
                tickInsert.executeUpdate();
                for (Map.Entry<String, Usage> entry : tick.allocatable().entrySet()) {
                    alloc.setString(1, entry.getKey());
                    alloc.setDouble(2, entry.getValue().cpuCores());
                    alloc.setLong(3, Math.round(entry.getValue().memoryBytes()));
                    alloc.addBatch();
                }
                alloc.executeBatch();
            }
            connection.commit();
            if (path != null) {
                problem = "";
            }
        } catch (SQLException e) {
            rollback();
            seriesIds.clear();
            failed("store samples", e);
        } finally {
            autoCommit();
        }
    }

    private long seriesId(SeriesKey key) throws SQLException {
        Long id = seriesIds.get(key);
        if (id != null) {
            return id;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR IGNORE INTO series(node, component) VALUES (?, ?)")) {
            insert.setString(1, key.node());
            insert.setString(2, key.component());
            insert.executeUpdate();
        }
        Optional<Long> found = findSeries(key);
        seriesIds.put(key, found.orElseThrow());
        return found.get();
    }

    private Optional<Long> findSeries(SeriesKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM series WHERE node = ? AND component = ?")) {
            select.setString(1, key.node());
            select.setString(2, key.component());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    @Override
    public synchronized TimeSeries read(SeriesKey key, Metric metric, long from, long to, long bucketMillis) {
        long gap = gapMillis(from, to);
        String column = metric == Metric.CPU ? "cpu_u / 1000000.0" : "mem";
        try {
            Optional<Long> id = findSeries(key);
            if (id.isEmpty()) {
                return new TimeSeries(0, gap);
            }
            String sql = bucketMillis > 0
                    ? "SELECT min(ts), min(" + column + "), max(" + column + ") FROM sample WHERE series = ? AND ts"
                    + " BETWEEN ? AND ? GROUP BY (ts - ?) / ? ORDER BY 1"
                    : "SELECT ts, " + column + ", " + column + " FROM sample WHERE series = ? AND ts BETWEEN ? AND ?"
                    + " ORDER BY ts";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, id.get());
                select.setLong(2, from);
                select.setLong(3, to);
                if (bucketMillis > 0) {
                    select.setLong(4, from);
                    select.setLong(5, bucketMillis);
                }
                TimeSeries series = new TimeSeries(256, Math.max(gap, bucketMillis * 2 + gap));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        series.add(rows.getLong(1), rows.getDouble(2), rows.getDouble(3));
                    }
                }
                return series;
            }
        } catch (SQLException e) {
            failed("read history", e);
            return new TimeSeries(0, gap);
        }
    }

    /** A gap is more than 2.5 sampling intervals without a sample. */
    private long gapMillis(long from, long to) {
        return interval(from, to).map(Duration::toMillis).orElse(DEFAULT_INTERVAL_MILLIS) * 5 / 2;
    }

    @Override
    public synchronized RawSeries readRaw(SeriesKey key, long from, long to) {
        try {
            Optional<Long> id = findSeries(key);
            if (id.isEmpty()) {
                return RawSeries.EMPTY;
            }
            List<long[]> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT ts, cpu_u, mem FROM sample WHERE series = ? AND ts BETWEEN ? AND ? ORDER BY ts")) {
                select.setLong(1, id.get());
                select.setLong(2, from);
                select.setLong(3, to);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new long[]{result.getLong(1), result.getLong(2), result.getLong(3)});
                    }
                }
            }
            long[] times = new long[rows.size()];
            double[] cpu = new double[rows.size()];
            double[] mem = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                times[i] = rows.get(i)[0];
                cpu[i] = rows.get(i)[1] / 1_000_000.0;
                mem[i] = rows.get(i)[2];
            }
            return new RawSeries(times, cpu, mem);
        } catch (SQLException e) {
            failed("read history", e);
            return RawSeries.EMPTY;
        }
    }

    @Override
    public synchronized Set<SeriesKey> seriesKeys(long from, long to) {
        Set<SeriesKey> keys = new LinkedHashSet<>();
        String sql = "SELECT node, component FROM series s WHERE EXISTS (SELECT 1 FROM sample WHERE series = s.id"
                + " AND ts BETWEEN ? AND ?) ORDER BY node, component";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    keys.add(new SeriesKey(rows.getString(1), rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            failed("read history", e);
        }
        return keys;
    }

    @Override
    public synchronized long[] ticks(long from, long to) {
        List<Long> times = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT ts FROM tick WHERE ts BETWEEN ? AND ? ORDER BY ts")) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    times.add(rows.getLong(1));
                }
            }
        } catch (SQLException e) {
            failed("read history", e);
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public synchronized Optional<Duration> interval(long from, long to) {
        try (PreparedStatement select = connection.prepareStatement("SELECT interval_ms FROM tick WHERE ts BETWEEN"
                + " ? AND ? GROUP BY interval_ms ORDER BY count(*) DESC LIMIT 1")) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(Duration.ofMillis(rows.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            failed("read history", e);
            return Optional.empty();
        }
    }

    @Override
    public synchronized Map<String, Usage> allocatable() {
        Map<String, Usage> result = new LinkedHashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT node, cpu, mem FROM allocatable ORDER BY node")) {
            while (rows.next()) {
                result.put(rows.getString(1), new Usage(rows.getDouble(2), rows.getLong(3)));
            }
        } catch (SQLException e) {
            failed("read history", e);
        }
        return result;
    }

    @Override
    public synchronized void rememberPods(Map<String, String> podToComponent) {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO pod_component(pod, component, seen) VALUES (?, ?, ?)")) {
            long now = System.currentTimeMillis();
            for (Map.Entry<String, String> entry : podToComponent.entrySet()) {
                insert.setString(1, entry.getKey());
                insert.setString(2, entry.getValue());
                insert.setLong(3, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            failed("remember pods", e);
        }
    }

    @Override
    public synchronized Map<String, String> knownPods() {
        return stringMap("SELECT pod, component FROM pod_component");
    }

    @Override
    public synchronized void putBaseline(String name, long createdMillis, String json) {
        update("save baseline", "INSERT OR REPLACE INTO baseline(name, created, body) VALUES (?, ?, ?)",
                name, createdMillis, json);
    }

    @Override
    public synchronized Map<String, String> baselines() {
        return stringMap("SELECT name, body FROM baseline ORDER BY created, name");
    }

    @Override
    public synchronized boolean deleteBaseline(String name) {
        return update("delete baseline", "DELETE FROM baseline WHERE name = ?", name) > 0;
    }

    @Override
    public synchronized void recordImport(ImportRecord record) {
        update("record history import", "INSERT INTO history_import(from_ts, to_ts, source, queries) VALUES (?,?,?,?)",
                record.fromMillis(), record.toMillis(), record.source(), String.join("\n", record.queries()));
    }

    @Override
    public synchronized List<ImportRecord> imports(long from, long to) {
        List<ImportRecord> result = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT from_ts, to_ts, source, queries FROM"
                + " history_import WHERE to_ts >= ? AND from_ts <= ? ORDER BY from_ts")) {
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(new ImportRecord(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            List.of(rows.getString(4).split("\n"))));
                }
            }
        } catch (SQLException e) {
            failed("read history", e);
        }
        return result;
    }

    @Override
    public synchronized void prune(Duration retention, long maxBytes) {
        long cutoff = System.currentTimeMillis() - retention.toMillis();
        try {
            deleteBefore(cutoff);
            for (int round = 0; round < 60 && usedBytes() > maxBytes; round++) {
                long oldest = oldestSample();
                if (oldest == Long.MAX_VALUE) {
                    break;
                }
                deleteBefore(oldest + Duration.ofDays(1).toMillis());
            }
            if (path != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA incremental_vacuum");
                }
            }
        } catch (SQLException e) {
            failed("prune history", e);
        }
    }

    private void deleteBefore(long cutoff) throws SQLException {
        update("prune history", "DELETE FROM sample WHERE ts < ?", cutoff);
        update("prune history", "DELETE FROM tick WHERE ts < ?", cutoff);
        update("prune history", "DELETE FROM history_import WHERE to_ts < ?", cutoff);
    }

    private long oldestSample() throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT min(ts) FROM tick")) {
            long oldest = rows.next() ? rows.getLong(1) : 0;
            return rows.wasNull() ? Long.MAX_VALUE : oldest;
        }
    }

    private long usedBytes() throws SQLException {
        try (Statement select = connection.createStatement()) {
            long pages = pragma(select, "page_count");
            long free = pragma(select, "freelist_count");
            return (pages - free) * pragma(select, "page_size");
        }
    }

    private static long pragma(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    @Override
    public synchronized long sizeBytes() {
        try {
            return usedBytes();
        } catch (SQLException e) {
            failed("measure history", e);
            return 0;
        }
    }

    @Override
    public StoreStatus status() {
        return new StoreStatus(path != null, path, problem);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing history database {} failed: {}", path, e.getMessage());
        }
    }

    private Map<String, String> stringMap(String sql) {
        Map<String, String> result = new LinkedHashMap<>();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(sql)) {
            while (rows.next()) {
                result.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            failed("read history", e);
        }
        return result;
    }

    private int update(String what, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            failed(what, e);
            return 0;
        }
    }

    private void failed(String what, SQLException e) {
        String message = "Could not " + what + " in " + (path == null ? "the in-memory history" : path) + ": "
                + SqliteProblems.explain(e);
        if (!message.equals(problem)) {
            LOG.warn(message);
        }
        problem = message;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            LOG.debug("Rollback failed", ignored);
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("Could not restore auto-commit", e);
        }
    }
}
