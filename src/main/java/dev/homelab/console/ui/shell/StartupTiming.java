package dev.homelab.console.ui.shell;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs how long the process took from its start to the first shown window. With
 * {@code -Dhomelab.startup.report=FILE} it also writes the figure to FILE, which the start-up benchmark reads;
 * with {@code -Dhomelab.startup.exitAfterMillis=N} the app quits N ms after the window showed (recording the
 * AppCDS archive in packaging/jpackage.sh, benchmark runs).
 */
final class StartupTiming {

    private static final Logger LOG = LoggerFactory.getLogger(StartupTiming.class);

    private StartupTiming() {
    }

    static void windowShown() {
        Instant now = Instant.now();
        ProcessHandle.Info process = ProcessHandle.current().info();
        long cpuMillis = process.totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        process.startInstant().ifPresent(start -> {
            long millis = Duration.between(start, now).toMillis();
            LOG.info("Main window shown {} ms after process start ({} ms of CPU)", millis, cpuMillis);
            String report = System.getProperty("homelab.startup.report");
            if (report != null && !report.isBlank()) {
                try {
                    Files.writeString(Path.of(report), "windowShownMillis=" + millis + "\ncpuMillis=" + cpuMillis
                            + "\n");
                } catch (IOException e) {
                    LOG.warn("Could not write the start-up report {}: {}", report, e.getMessage());
                }
            }
        });
        Long exitAfter = Long.getLong("homelab.startup.exitAfterMillis");
        if (exitAfter != null) {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(exitAfter));
            pause.setOnFinished(event -> Platform.exit());
            pause.play();
        }
    }
}
