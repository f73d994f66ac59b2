package dev.homelab.console.ui.charts;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentKind;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.telemetry.TestTicks;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.baseline.Baselines;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SampleStores;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.homelab.console.telemetry.TestTicks.gib;
import static dev.homelab.console.telemetry.TestTicks.mib;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The charts page on the sandbox lab after the migration (built-in scenario "migrated": VictoriaMetrics and Vector
 * run, kube-prometheus-stack and Alloy are gone), headless: history written before (a KPS-era baseline and a VM-era
 * "after" window), live samples from the sandbox's simulated metrics-server on top.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ChartsPageUiTest {

    @TempDir
    static Path home;
    private static final List<String> NODES = List.of("pi-server", "pi-worker-1", "pi-worker-2", "pi-worker-3");
    private static SandboxLab lab;
    private static ConsoleContext context;
    private static Telemetry telemetry;
    private ChartsPage page;
    private BackgroundTasks tasks;

    @BeforeAll
    static void labWithHistory() {
        AppDirs dirs = AppDirs.under(home);
        lab = Sandbox.start(Optional.of(Path.of("migrated")), dirs);
        context = new ConsoleContext(lab.session(), lab.releases(), dirs, lab.lifecycle());
        long now = System.currentTimeMillis();
        try (SampleStore store = SampleStores.open(dirs, lab.session().identity().clusterId())) {
            TestTicks.write(store, now - Duration.ofHours(3).toMillis(), 240, i -> usage(i, true));
            TestTicks.write(store, now - Duration.ofMinutes(16).toMillis(), 60, i -> usage(i, false));
            new Baselines(store, Clock.systemUTC()).capture("before migration",
                    Instant.ofEpochMilli(now - Duration.ofHours(3).toMillis()),
                    Instant.ofEpochMilli(now - Duration.ofHours(2).toMillis()));
        }
        // what the connected session does on connect
        telemetry = Telemetry.start(context, TelemetrySettings.DEFAULTS);
    }

    @AfterAll
    static void stopLab() {
        telemetry.close();
        context.close();
    }

    @Start
    void start(Stage stage) {
        tasks = new BackgroundTasks();
        page = new ChartsPage(new UiContext(context, tasks, id -> { }));
        stage.setScene(new Scene((javafx.scene.Parent) page.view(), 1200, 760));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> page.dispose());
        tasks.close();
    }

    @Test
    void everyNodeIsDrawnAndHoverShowsValueAndTime(FxRobot robot) throws Exception {
        LineChartCanvas memory = robot.lookup("#memory-chart").queryAs(LineChartCanvas.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> memory.lines().size() == 4);
        assertThat(memory.lines()).extracting(ChartLine::name).containsExactlyElementsOf(NODES);
        StackedChartCanvas components = robot.lookup("#component-chart").queryAs(StackedChartCanvas.class);
        assertThat(components.layers()).extracting(ChartLine::name).contains("vmsingle", "Loki");

        robot.interact(() -> memory.hoverAt(memory.getWidth() - CanvasChart.RIGHT - 200, 60));
        assertThat(memory.hoverText()).contains("pi-worker-1: ").contains("GiB");
        assertThat(robot.from(memory).lookup(".label").queryAs(javafx.scene.control.Label.class))
                .as("the hover box shows what hoverText says").satisfies(box -> {
                    assertThat(box.isVisible()).isTrue();
                    assertThat(box.getText()).isEqualTo(memory.hoverText());
                    assertThat(box.getBoundsInParent().getMaxX()).isLessThanOrEqualTo(memory.getWidth());
                });
        writeSnapshot(robot, memory, "charts-hover.png");

        robot.clickOn("#range-6h");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> components.layers().stream()
                .anyMatch(l -> l.name().equals("Prometheus")));
        robot.interact(() -> memory.hoverAt(CanvasChart.LEFT + 5, 60));
        assertThat(memory.hoverText()).contains("no samples (gap)");
    }

    @Test
    void liveSamplesFromTheSandboxArriveAndTheSamplerReportsItsLoad(FxRobot robot) throws Exception {
        Label status = robot.lookup("#sampler-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().contains("API requests/min"));
        if (status.getText().startsWith("Sampling")) {
            assertThat(status.getText()).startsWith("Sampling 4 of 4 nodes every 15 s");
        } else {
            // this sandbox build does not simulate metrics-server: the page must say so and how to fix it on k3s
            assertThat(status.getText()).contains("metrics.k8s.io is not served").contains("--disable metrics-server");
        }
        Label store = robot.lookup("#store-status").queryAs(Label.class);
        assertThat(store.getText()).contains("History kept in").contains(home.toString());
    }

    @Test
    void theComparisonTableShowsPrometheusGoneAndVmsingleAdded(FxRobot robot) throws Exception {
        robot.clickOn("Before / after");
        @SuppressWarnings("unchecked")
        ComboBox<String> baseline = robot.lookup("#compare-baseline").queryAs(ComboBox.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> baseline.getItems().contains("before migration"));
        robot.interact(() -> baseline.setValue("before migration"));
        robot.clickOn("#compare-run");

        TableView<ComparisonRow> components = robot.lookup("#comparison-components").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !components.getItems().isEmpty());
        // the after window holds the written VM-era history and the migrated lab's live samples: no Prometheus
        assertThat(components.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("Prometheus");
            assertThat(row.memoryBefore()).isEqualTo("1.40 GiB");
            assertThat(row.memoryVerdict()).isEqualTo("gone");
        });
        assertThat(components.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("vmsingle");
            assertThat(row.memoryVerdict()).isEqualTo("added");
        });
        TableView<ComparisonRow> nodes = robot.lookup("#comparison-nodes").queryAs(TableView.class);
        assertThat(nodes.getItems()).extracting(ComparisonRow::name).contains("pi-worker-1", "All nodes");
        assertThat(robot.lookup("#compare-headline").queryAs(Label.class).getText()).startsWith("Memory: ");
    }

    /** Before: Prometheus 1.4 GiB on worker-1; after: vmsingle 210 MiB there. */
    private static Map<SeriesKey, Usage> usage(int i, boolean before) {
        Map<SeriesKey, Usage> usage = new HashMap<>();
        for (String node : NODES) {
            double extra = node.equals("pi-worker-1") ? (before ? gib(1.4) : mib(210)) : 0;
            usage.put(SeriesKey.node(node), new Usage(0.5 + (i % 4) * 0.02, gib(2) + extra + (i % 3) * mib(4)));
            usage.put(SeriesKey.component(node, Component.of(ComponentKind.LOKI)), new Usage(0.02, mib(150)));
        }
        usage.put(SeriesKey.component("pi-worker-1", Component.of(before ? ComponentKind.PROMETHEUS
                : ComponentKind.VMSINGLE)), new Usage(0.2, before ? gib(1.4) : mib(210)));
        return usage;
    }

    /** For looking at the chart: target/screenshots/*.png. */
    private static void writeSnapshot(FxRobot robot, javafx.scene.Node node, String name) throws Exception {
        java.util.concurrent.atomic.AtomicReference<javafx.scene.image.WritableImage> image =
                new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> image.set(node.getScene().snapshot(null)));
        java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image.get(), null), "png",
                dir.resolve(name).toFile());
    }
}
