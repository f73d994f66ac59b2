package dev.homelab.console.ui.shell;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Settings;
import dev.homelab.console.sandbox.SandboxPrestart;
import javafx.application.Application;
import javafx.stage.Stage;

import java.util.concurrent.CompletableFuture;

/** The desktop app. Started by {@code dev.homelab.console.Launcher} (plain main class, so the classpath works). */
public final class ConsoleApp extends Application {

    private static volatile CompletableFuture<Settings> preloadedSettings;
    private static volatile SandboxPrestart preparedSandbox;
    private ConsoleShell shell;

    /**
     * Reads the settings on another thread while the JavaFX toolkit starts: the JSON library and the logging set-up
     * load there, in parallel, instead of before the first window. A {@code --sandbox} start also starts its lab
     * now, alongside the window rather than after it.
     */
    public static void preload(AppDirs dirs, StartupOptions options) {
        preloadedSettings = CompletableFuture.supplyAsync(() -> Settings.load(dirs));
        if (options.sandbox()) {
            preparedSandbox = SandboxPrestart.begin(options.scenario(), dirs);
        }
    }

    @Override
    public void start(Stage stage) {
        StartupOptions options = StartupOptions.parse(getParameters().getRaw());
        AppDirs dirs = AppDirs.fromEnvironment();
        CompletableFuture<Settings> preloaded = preloadedSettings;
        Settings settings = preloaded != null ? preloaded.join() : Settings.load(dirs);
        shell = new ConsoleShell(stage, dirs, settings);
        SandboxPrestart prestart = preparedSandbox;
        preparedSandbox = null;
        if (prestart != null) {
            shell.usePreparedSandbox(prestart);
        }
        shell.start(options);
    }

    @Override
    public void stop() {
        // The close request already shut the shell down; this covers Platform.exit() from elsewhere.
        if (shell != null && shell.isConnected()) {
            shell.shutdown();
        }
    }
}
