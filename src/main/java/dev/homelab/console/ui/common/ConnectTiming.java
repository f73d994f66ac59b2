package dev.homelab.console.ui.common;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Measures "connect -> nodes shown": from the moment the user asks to connect (or to start the sandbox, or
 * {@code --sandbox}) to the first frame of the overview with the node list. Logged at INFO; with
 * {@code -Dhomelab.startup.report=FILE} also appended to FILE for the benchmarks, and with
 * {@code -Dhomelab.startup.exitAfterNodesMillis=N} the app quits N ms after the nodes showed (benchmark runs, the
 * AppCDS training start in packaging/jpackage.sh).
 */
public final class ConnectTiming {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectTiming.class);
    private static volatile Start pending;

    private record Start(String target, long nanos, long cpuMillis) {
    }

    private ConnectTiming() {
    }

    /** Any thread: a connection to {@code target} was asked for. */
    public static void started(String target) {
        pending = new Start(target, System.nanoTime(), cpuMillis());
    }

    /** FX thread: the overview has just been given its first non-empty node list. */
    public static void nodesShown(int nodes) {
        Start start = pending;
        if (start == null || nodes == 0) {
            return;
        }
        pending = null;
        // The rows are in the scene now; the frame that draws them is the next pulse.
        Platform.runLater(() -> report(start, nodes));
    }

    private static void report(Start start, int nodes) {
        long millis = (System.nanoTime() - start.nanos()) / 1_000_000;
        long cpu = cpuMillis() - start.cpuMillis();
        long sinceProcessStart = ProcessHandle.current().info().startInstant()
                .map(processStart -> Duration.between(processStart, Instant.now()).toMillis()).orElse(-1L);
        LOG.info("Connect to {} -> {} nodes shown in {} ms ({} ms of CPU), {} ms after process start", start.target(),
                nodes, millis, cpu, sinceProcessStart);
        String report = System.getProperty("homelab.startup.report");
        if (report != null && !report.isBlank()) {
            try {
                Files.writeString(Path.of(report), "connectToNodesMillis=" + millis + "\nconnectCpuMillis=" + cpu
                        + "\nnodesShownAfterStartMillis=" + sinceProcessStart + "\nprocessCpuMillis=" + cpuMillis()
                        + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warn("Could not write the start-up report {}: {}", report, e.getMessage());
            }
        }
        Long exitAfter = Long.getLong("homelab.startup.exitAfterNodesMillis");
        if (exitAfter != null) {
            PauseTransition pause = new PauseTransition(javafx.util.Duration.millis(exitAfter));
            pause.setOnFinished(event -> Platform.exit());
            pause.play();
        }
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
