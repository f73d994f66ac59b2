package dev.homelab.console.telemetry.store;

import dev.homelab.console.app.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Opens the history of one cluster: {@code <data>/telemetry/<cluster id>.db}. When that file cannot be used
 * (locked, corrupt, unwritable) the answer is an in-memory store whose status names the file and the problem:
 * the app keeps running, without history, rather than failing.
 */
public final class SampleStores {

    private static final Logger LOG = LoggerFactory.getLogger(SampleStores.class);

    private SampleStores() {
    }

    public static Path fileFor(AppDirs dirs, String clusterId) {
        return dirs.dataDir("telemetry").resolve(safeName(clusterId) + ".db");
    }

    public static SampleStore open(AppDirs dirs, String clusterId) {
        Path file;
        try {
            file = fileFor(dirs, clusterId);
        } catch (RuntimeException e) {
            return SqliteSampleStore.inMemory("History folder unusable (" + e.getMessage() + "); running without"
                    + " history.");
        }
        return open(file);
    }

    public static SampleStore open(Path file) {
        try {
            return SqliteSampleStore.open(file);
        } catch (SQLException e) {
            String problem = "History database " + file + " cannot be used: " + SqliteProblems.explain(e)
                    + " Running without history (live charts still work).";
            LOG.warn(problem);
            return SqliteSampleStore.inMemory(problem);
        }
    }

    static String safeName(String clusterId) {
        String cleaned = clusterId.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() ? "unknown-cluster" : cleaned;
    }
}
