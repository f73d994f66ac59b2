package dev.homelab.console.benchmark;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A window with one label: the floor of what any JavaFX app costs to show on this machine at this load, measured
 * next to the app by {@link StartupBenchmark}. Writes the same report as the app's {@code StartupTiming}.
 */
public final class TrivialWindow {

    private TrivialWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The one-label application. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            stage.setScene(new Scene(new Label("Homelab Console"), 1180, 760));
            stage.setOnShown(event -> {
                ProcessHandle.Info process = ProcessHandle.current().info();
                long cpu = process.totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                long millis = Duration.between(process.startInstant().orElseThrow(), Instant.now()).toMillis();
                try {
                    Files.writeString(Path.of(System.getProperty("homelab.startup.report")),
                            "windowShownMillis=" + millis + "\ncpuMillis=" + cpu + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Platform.exit();
            });
            stage.show();
        }
    }
}
