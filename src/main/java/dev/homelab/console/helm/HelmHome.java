package dev.homelab.console.helm;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.homelab.console.app.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The console's own Helm folders ({@code <config>/helm}, {@code <cache>/helm}, {@code <data>/helm}), so that it never
 * reads or changes the user's {@code ~/.config/helm}. helm-java's native Helm reads HELM_CONFIG_HOME, HELM_CACHE_HOME
 * and HELM_DATA_HOME from the process environment when the library loads; Java cannot change its own environment, so
 * they are set through libc's {@code setenv} before the first Helm call. The first configuration in a process wins.
 */
public final class HelmHome {

    private static final Logger LOG = LoggerFactory.getLogger(HelmHome.class);
    private static HelmHome configured;

    private final Path config;
    private final Path cache;
    private final Path data;

    private HelmHome(Path config, Path cache, Path data) {
        this.config = config;
        this.cache = cache;
        this.data = data;
    }

    /** Sets the environment for Helm (once per process) and returns the folders in effect. */
    public static synchronized HelmHome configure(AppDirs dirs) {
        if (configured != null) {
            return configured;
        }
        if (dirs == null) {
            throw new IllegalStateException("Helm's folders are not configured yet");
        }
        HelmHome home = new HelmHome(dirs.configDir("helm"), dirs.cacheDir("helm"), dirs.dataDir("helm"));
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            setenv.invokeInt(new Object[]{"HELM_CONFIG_HOME", home.config.toString(), 1});
            setenv.invokeInt(new Object[]{"HELM_CACHE_HOME", home.cache.toString(), 1});
            setenv.invokeInt(new Object[]{"HELM_DATA_HOME", home.data.toString(), 1});
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("Could not point Helm at the console's own folders ({}); Helm will use its defaults for its "
                    + "cache. Repositories are still kept in {}", e.getMessage(), home.repositoryConfig());
        }
        configured = home;
        return home;
    }

    /** repositories.yaml of the console (passed to every Helm call explicitly as well). */
    public Path repositoryConfig() {
        return config.resolve("repositories.yaml");
    }

    public Path cache() {
        return cache;
    }

    public Path config() {
        return config;
    }
}
