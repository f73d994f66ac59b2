package dev.homelab.console.telemetry.store;

import java.nio.file.Path;

/**
 * Whether history is being kept, where, and if not, why. A locked or corrupt database is reported with its path
 * and what to do; sampling goes on in memory (recent hours only) so the live charts keep working.
 */
public record StoreStatus(boolean persistent, Path path, String problem) {

    public static StoreStatus ok(Path path) {
        return new StoreStatus(true, path, "");
    }

    public boolean healthy() {
        return problem.isEmpty();
    }

    public String describe() {
        if (healthy()) {
            return "History kept in " + path;
        }
        return problem;
    }
}
