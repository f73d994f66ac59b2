package dev.homelab.console.helm;

import dev.homelab.console.app.AppDirs;

import java.nio.file.Path;

/**
 * Where the console's Helm keeps its files. The repository list ({@code repositories.yaml}) is the console's own,
 * under {@code <config>/helm}, and is passed to every Helm call, so the user's {@code helm repo list} is never
 * changed. Helm's download cache (repository indexes, charts) is where helm-java's native Helm finds it: the Go
 * runtime reads the process's environment as it was when the JVM started (changing it later through libc has no
 * effect, tried), so {@code HELM_REPOSITORY_CACHE}, {@code HELM_CACHE_HOME} or {@code XDG_CACHE_HOME} must be set by
 * whoever starts the console; otherwise it is {@code ~/.cache/helm}.
 */
public final class HelmHome {

    private HelmHome() {
    }

    /** The console's own repositories.yaml. */
    public static Path repositoryConfig(AppDirs dirs) {
        return dirs.configDir("helm").resolve("repositories.yaml");
    }

    /** The folder holding {@code <repo>-index.yaml}, resolved the way Helm resolves it. */
    public static Path repositoryCache() {
        String explicit = System.getenv("HELM_REPOSITORY_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String cacheHome = System.getenv("HELM_CACHE_HOME");
        if (cacheHome != null && !cacheHome.isBlank()) {
            return Path.of(cacheHome, "repository");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("helm").resolve("repository");
    }
}
