package dev.homelab.console.benchmark;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Settings;
import dev.homelab.console.ui.shell.ConsoleShell;
import dev.homelab.console.ui.shell.StartupOptions;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.scene.control.ButtonBase;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The real main window, as the app shows it, where "Start the sandbox" is clicked
 * {@code -Dhomelab.probe.clickAfterMillis} (default 3000) after the window showed: the user's path from the connect
 * screen. The app's own timing ({@code ui.common.ConnectTiming}) reports click -> nodes shown. Used by
 * {@link StartupBenchmark}; not a test.
 */
public final class RehearseClickProbe {

    private RehearseClickProbe() {
    }

    public static void main(String[] args) {
        // A main class that extends Application fails on the class path ("JavaFX runtime components are missing").
        Application.launch(Probe.class, args);
        System.exit(0);
    }

    /** The probe's JavaFX application. */
    public static final class Probe extends Application {

        private ConsoleShell shell;

        @Override
        public void start(Stage stage) {
            AppDirs dirs = AppDirs.fromEnvironment();
            shell = new ConsoleShell(stage, dirs, Settings.load(dirs));
            shell.start(StartupOptions.PLAIN);
            PauseTransition reading = new PauseTransition(Duration.millis(
                    Long.getLong("homelab.probe.clickAfterMillis", 3000)));
            reading.setOnFinished(event -> ((ButtonBase) stage.getScene().lookup("#rehearse-button")).fire());
            reading.play();
        }

        @Override
        public void stop() {
            shell.shutdown();
        }
    }
}
