package dev.homelab.console.ui.shell;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Settings;
import dev.homelab.console.sandbox.SandboxPrestart;
import dev.homelab.console.task.Progress;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.connect.ConnectScreen;
import dev.homelab.console.ui.connect.ConnectedCluster;
import dev.homelab.console.ui.connect.FilePicker;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Wires the desktop app together on one stage: settings, theme, background tasks, the connect screen and, once a
 * cluster is connected, its pages. {@link ConsoleApp} uses it for the real app; UI tests and the screenshot tour
 * use it on their own stage with a temporary home folder.
 */
public final class ConsoleShell {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleShell.class);
    private static final long CLOSE_WAIT_MILLIS = 3000;

    private final Stage stage;
    private final Settings settings;
    private final ThemeManager theme;
    private final BackgroundTasks tasks = new BackgroundTasks();
    private final MainWindow window;
    private final WindowGeometry geometry;
    private final ConnectScreen connectScreen;
    private final Supplier<List<PageFactory>> pages;
    private ConnectedSession session;

    public ConsoleShell(Stage stage, AppDirs dirs, Settings settings) {
        this(stage, dirs, settings, Pages::all, FilePicker.NATIVE);
    }

    ConsoleShell(Stage stage, AppDirs dirs, Supplier<List<PageFactory>> pages, FilePicker filePicker) {
        this(stage, dirs, Settings.load(dirs), pages, filePicker);
    }

    private ConsoleShell(Stage stage, AppDirs dirs, Settings settings, Supplier<List<PageFactory>> pages,
                         FilePicker filePicker) {
        this.stage = stage;
        this.pages = pages;
        this.settings = settings;
        this.theme = new ThemeManager(settings);
        this.geometry = new WindowGeometry(settings);
        this.window = new MainWindow(tasks, theme, this::switchCluster);
        this.connectScreen = new ConnectScreen(dirs, settings, tasks, filePicker, this::connected);
    }

    /** The rehearsal takes this lab, started ahead (the {@code --sandbox} start), instead of starting another. */
    public void usePreparedSandbox(SandboxPrestart prestart) {
        connectScreen.usePreparedSandbox(prestart);
    }

    /** Shows the main window with the connect screen; with {@code options.sandbox()} starts the rehearsal at once. */
    public void start(StartupOptions options) {
        Scene scene = new Scene(window.root(), WindowGeometry.DEFAULT_WIDTH, WindowGeometry.DEFAULT_HEIGHT);
        theme.register(scene);
        stage.setScene(scene);
        stage.setTitle("Homelab Console");
        loadIcons();
        geometry.restore(stage);
        window.showConnectScreen(connectScreen.view());
        stage.setOnShown(event -> StartupTiming.windowShown());
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> shutdown());
        stage.show();
        theme.followSystem();
        if (options.sandbox()) {
            connectScreen.rehearse(options.scenario());
        } else {
            connectScreen.reload();
        }
    }

    public ThemeManager theme() {
        return theme;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    /** Shows the page with this id when connected; false otherwise. */
    public boolean navigate(String pageId) {
        return window.navigate(pageId);
    }

    /** The ids of the connected cluster's pages, in navigation order; empty when not connected. */
    public List<String> pageIds() {
        return session == null ? List.of() : session.pages().stream().map(Page::id).toList();
    }

    public boolean isConnected() {
        return session != null;
    }

    /** The connected cluster's running telemetry (started on connect, closed on disconnect). */
    public Optional<Telemetry> telemetry() {
        return session == null ? Optional.empty() : session.telemetry();
    }

    /** Saves the window, stops the pages and closes the connection (bounded), then stops background work. */
    public void shutdown() {
        geometry.save(stage);
        ConnectedSession closing = session;
        session = null;
        if (closing != null) {
            closing.disposePages();
            closeBounded(closing);
        }
        connectScreen.close();
        tasks.close();
    }

    private void connected(ConnectedCluster connected) {
        ConnectedSession previous = session;
        if (previous != null) {
            previous.disposePages();
            closeInBackground(previous);
        }
        ConnectedSession opened = new ConnectedSession(connected.console(), tasks, window::navigate, pages.get());
        session = opened;
        window.showSession(opened, connected);
        // The other pages set themselves up after the first page is on its way to the screen.
        Platform.runLater(() -> {
            if (session == opened) {
                window.addPages(opened.createRemainingPages());
            }
        });
    }

    private void switchCluster() {
        ConnectedSession closing = session;
        session = null;
        window.showConnectScreen(connectScreen.view());
        connectScreen.reload();
        if (closing != null) {
            closing.disposePages();
            closeInBackground(closing);
        }
    }

    private void closeInBackground(ConnectedSession closing) {
        String name = closing.console().cluster().identity().contextName();
        tasks.submit("Disconnecting from " + name, (Progress progress) -> {
            progress.update("Stopping sampling, closing watches and connections", -1);
            closing.close();
            return null;
        }, ignored -> LOG.info("Disconnected from {}", name), error -> LOG.warn("Closing {} failed", name, error));
    }

    private static void closeBounded(ConnectedSession closing) {
        Thread closer = new Thread(closing::close, "homelab-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn("Closing the connection took longer than {} ms; quitting anyway", CLOSE_WAIT_MILLIS);
        }
    }

    /** Decoding six PNGs is not worth delaying the first frame for: they are decoded on another thread. */
    private void loadIcons() {
        Thread loader = new Thread(() -> {
            List<Image> icons = icons();
            Platform.runLater(() -> stage.getIcons().setAll(icons));
        }, "homelab-icons");
        loader.setDaemon(true);
        loader.start();
    }

    private static List<Image> icons() {
        return List.of(16, 32, 48, 64, 128, 256).stream()
                .map(size -> ConsoleShell.class.getResourceAsStream("/ui/icons/homelab-console-" + size + ".png"))
                .filter(java.util.Objects::nonNull)
                .map(ConsoleShell::image)
                .toList();
    }

    private static Image image(InputStream stream) {
        try (stream) {
            return new Image(stream);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
