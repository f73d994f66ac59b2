package dev.homelab.console.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the console keeps its own files: settings, local history (SQLite), journals, Helm folders, reports.
 * Follows XDG on Linux; {@code -Dhomelab.home=DIR} (tests, portable use) puts everything under one folder.
 * Secrets are never written here.
 */
public record AppDirs(Path config, Path data, Path cache) {

    public static AppDirs fromEnvironment() {
        String override = System.getProperty("homelab.home");
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        Path home = Path.of(System.getProperty("user.home"));
        return new AppDirs(
                xdg("XDG_CONFIG_HOME", home.resolve(".config")).resolve("homelab-console"),
                xdg("XDG_DATA_HOME", home.resolve(".local/share")).resolve("homelab-console"),
                xdg("XDG_CACHE_HOME", home.resolve(".cache")).resolve("homelab-console"));
    }

    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
    }

    /** A sub-folder of {@link #data()}, created on first use. */
    public Path dataDir(String name) {
        return ensure(data.resolve(name));
    }

    public Path configDir(String name) {
        return ensure(config.resolve(name));
    }

    public Path cacheDir(String name) {
        return ensure(cache.resolve(name));
    }

    private static Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot create folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path xdg(String variable, Path fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }
}
