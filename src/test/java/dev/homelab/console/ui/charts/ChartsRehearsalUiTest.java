package dev.homelab.console.ui.charts;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.SandboxOptions;
import dev.homelab.console.sandbox.StackChange;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import dev.homelab.console.telemetry.TimeSeries;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when" of the resource charts, rehearsed on the sandbox lab through the page as a user drives it: fill the
 * hour from the lab's Prometheus, capture a baseline, replace the stack (VictoriaMetrics and Vector in, Alloy and
 * kube-prometheus-stack out) while the charts run, then compare the last minute with the baseline. The lab's
 * metrics-server refreshes every 5 s and the console samples every 5 s, so a minute is twelve rounds.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ChartsRehearsalUiTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final List<String> NODES = List.of("pi-server", "pi-worker-1", "pi-worker-2", "pi-worker-3");
    @TempDir
    static Path home;
    private static SandboxLab lab;
    private static ConsoleContext context;
    private static Telemetry telemetry;
    private ChartsPage page;
    private BackgroundTasks tasks;

    @BeforeAll
    static void lab() {
        lab = Sandbox.start(ScenarioLoader.loadDefault(), SandboxOptions.fast(INTERVAL, 0.01));
        context = new ConsoleContext(lab.session(), lab.releases(), AppDirs.under(home), lab.lifecycle());
        telemetry = Telemetry.start(context, new TelemetrySettings(INTERVAL, TelemetrySettings.DEFAULTS.retention(),
                TelemetrySettings.DEFAULTS.maxBytes()));
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
    void aBaselineTheStackChangeAndTheSavingsPerNodeAndComponentWhileTheChartsStayLive(FxRobot robot)
            throws Exception {
        LineChartCanvas memory = robot.lookup("#memory-chart").queryAs(LineChartCanvas.class);
        StackedChartCanvas components = robot.lookup("#component-chart").queryAs(StackedChartCanvas.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> memory.lines().size() == 4);

        robot.interact(() -> robot.lookup("#fill-history").queryButton().fire());
        Label message = robot.lookup("#charts-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> message.getText().startsWith("Filled"));
        // the name dialog waits in a nested event loop, so it is opened without waiting for it
        Platform.runLater(() -> robot.lookup("#capture-baseline").queryButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.interact(() -> ((Button) ((DialogPane) robot.lookup(".dialog-pane").query())
                .lookupButton(ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().startsWith(
                "Baseline 'before migration' captured: 4 nodes"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> layer(components, "Prometheus").isPresent());

        long changeStart = System.currentTimeMillis();
        StackChange.installNewStack(lab.releases());
        StackChange.removeOldStack(lab.releases());
        long changeEnd = System.currentTimeMillis();

        // the charts stayed live across the change: every node kept its line, without a gap and without zeros
        long settled = changeEnd + 3 * INTERVAL.toMillis();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> memory.lines().stream()
                .allMatch(line -> line.series().lastTime() > settled));
        for (ChartLine line : memory.lines()) {
            assertContinuous(line, changeStart - 2 * INTERVAL.toMillis(), settled);
        }
        // removed components end their series; the new ones begin theirs
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> layer(components, "vmsingle").isPresent()
                && layer(components, "Vector").isPresent());
        for (String gone : List.of("Prometheus", "Alloy")) {
            TimeSeries series = layer(components, gone).orElseThrow().series();
            // a round may still see the pod until the watch reports its deletion; then the layer ends, while
            // the node lines go on past "settled"
            assertThat(series.lastTime()).as(gone + " ended at the uninstall").isLessThanOrEqualTo(changeEnd
                    + 2 * INTERVAL.toMillis());
        }
        assertThat(layer(components, "vmsingle").orElseThrow().series().firstTime()).isGreaterThan(changeStart);

        // the after window: one minute sampled after the change
        Thread.sleep(Math.max(0, changeEnd + Duration.ofMinutes(1).plus(INTERVAL.multipliedBy(2)).toMillis()
                - System.currentTimeMillis()));
        robot.clickOn("Before / after");
        @SuppressWarnings("unchecked")
        ComboBox<String> baseline = robot.lookup("#compare-baseline").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Duration> after = robot.lookup("#compare-after").queryAs(ComboBox.class);
        robot.interact(() -> {
            baseline.setValue("before migration");
            after.setValue(Duration.ofMinutes(1));
        });
        robot.interact(() -> robot.lookup("#compare-run").queryButton().fire());
        @SuppressWarnings("unchecked")
        TableView<ComparisonRow> componentTable = robot.lookup("#comparison-components").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !componentTable.getItems().isEmpty());

        assertThat(componentTable.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("Prometheus");
            assertThat(row.memoryVerdict()).isEqualTo("gone");
            assertThat(row.memoryBefore()).endsWith("GiB");
        });
        assertThat(componentTable.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("Alloy");
            assertThat(row.memoryVerdict()).isEqualTo("gone");
        });
        assertThat(componentTable.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("vmsingle");
            assertThat(row.memoryVerdict()).isEqualTo("added");
            assertThat(row.memoryAfter()).endsWith("MiB");
        });
        assertThat(componentTable.getItems()).anySatisfy(row -> {
            assertThat(row.name()).isEqualTo("Vector");
            assertThat(row.memoryVerdict()).isEqualTo("added");
        });
        @SuppressWarnings("unchecked")
        TableView<ComparisonRow> nodeTable = robot.lookup("#comparison-nodes").queryAs(TableView.class);
        assertThat(nodeTable.getItems()).extracting(ComparisonRow::name).containsAll(NODES).contains("All nodes");
        assertThat(nodeTable.getItems()).filteredOn(row -> row.name().equals("All nodes")).singleElement()
                .satisfies(row -> assertThat(row.memoryVerdict()).isEqualTo("decreased"));
        assertThat(nodeTable.getItems()).filteredOn(row -> row.memoryVerdict().equals("decreased"))
                .as("nodes whose memory went down").hasSizeGreaterThanOrEqualTo(3);
        assertThat(robot.lookup("#compare-headline").queryAs(Label.class).getText()).startsWith("Memory: ")
                .contains("less");
        assertThat(robot.lookup(".warning").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(flag -> assertThat(flag).contains("windows differ in length"));

        // the baseline as a band over the live chart, above today's lines
        robot.clickOn("Live");
        @SuppressWarnings("unchecked")
        ComboBox<String> band = robot.lookup("#band-picker").queryAs(ComboBox.class);
        robot.interact(() -> band.setValue("before migration"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> memory.bands().size() == 4);
        double bandMeans = memory.bands().stream().mapToDouble(ChartBand::mean).sum();
        double now = memory.lines().stream().mapToDouble(line -> line.series().high(line.series().size() - 1)).sum();
        assertThat(now).as("all nodes now vs the baseline band").isLessThan(bandMeans);
    }

    private static Optional<ChartLine> layer(StackedChartCanvas chart, String name) {
        return chart.layers().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** Between from and to: consecutive points within the series' gap distance, all above zero. */
    private static void assertContinuous(ChartLine line, long from, long to) {
        TimeSeries series = line.series();
        int points = 0;
        for (int i = 0; i < series.size(); i++) {
            if (series.time(i) < from || series.time(i) > to) {
                continue;
            }
            points++;
            assertThat(series.low(i)).as(line.name() + " at " + series.time(i)).isPositive();
            if (series.time(i - 1 < 0 ? 0 : i - 1) >= from) {
                assertThat(series.gapBefore(i)).as(line.name() + ": gap before " + series.time(i)).isFalse();
            }
        }
        assertThat(points).as(line.name() + " points during the change").isGreaterThanOrEqualTo(3);
    }
}
