package dev.homelab.console.ui.logs;

import atlantafx.base.theme.PrimerLight;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.logs.LogLevel;
import dev.homelab.console.logs.LogRow;
import dev.homelab.console.logs.TailState;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the Logs page against the sandbox's simulated Loki, headless. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LogsPageUiTest {

    @TempDir
    static Path home;
    static SandboxLab lab;

    private BackgroundTasks tasks;
    private LogsPage page;

    @BeforeAll
    static void startLab() {
        lab = Sandbox.start(Optional.empty(), AppDirs.under(home));
    }

    @AfterAll
    static void stopLab() throws Exception {
        lab.session().close();
        lab.lifecycle().close();
    }

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        tasks = new BackgroundTasks();
        ConsoleContext console = new ConsoleContext(lab.session(), lab.releases(), AppDirs.under(home), null);
        page = new LogsPage(new UiContext(console, tasks, id -> { }));
        stage.setScene(new Scene((Parent) page.view(), 1280, 800));
        stage.show();
        page.onShown();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            page.dispose();
            tasks.close();
        });
    }

    @Test
    void tailsKubeSystemLiveFromTheSimulatedLoki(FxRobot robot) {
        awaitLiveWithLines(robot);
        int first = size(robot);

        await().atMost(Duration.ofSeconds(20)).until(() -> call(robot, this::received) > first);

        assertThat(rows(robot)).allSatisfy(row ->
                assertThat(row.entry().labels().get("namespace")).isEqualTo("kube-system"));
        assertThat(robot.lookup(".log-row").queryAll()).isNotEmpty();
        assertThat(model().connection.get()).contains("Loki").contains("loki");
        snapshot(robot, "logs-tail.png");
    }

    @Test
    void pauseStopsTheStreamAndResumeCatchesUp(FxRobot robot) {
        awaitLiveWithLines(robot);
        LogsView view = view(robot);

        robot.clickOn(view.pauseButton);
        await().until(() -> model().tailState.get() == TailState.PAUSED);
        long paused = call(robot, this::received);
        sleep(1500);
        assertThat(call(robot, this::received)).isEqualTo(paused);
        assertThat(view.pauseButton.getText()).isEqualTo("Resume");

        robot.clickOn(view.pauseButton);

        await().atMost(Duration.ofSeconds(20)).until(() -> model().tailState.get() == TailState.LIVE
                && call(robot, this::received) > paused);
    }

    @Test
    void filtersByLevel(FxRobot robot) {
        awaitLiveWithLines(robot);
        await().atMost(Duration.ofSeconds(30)).until(() -> call(robot, () -> model().rows.stream()
                .anyMatch(r -> r.entry().level() == LogLevel.INFO)));

        robot.clickOn(view(robot).levelButtons.get(LogLevel.INFO));

        assertThat(model().levelShown.get(LogLevel.INFO).get()).isFalse();
        assertThat(rows(robot)).noneMatch(row -> row.entry().level() == LogLevel.INFO);
        assertThat(call(robot, () -> model().rows.size())).isGreaterThan(rows(robot).size());
    }

    @Test
    void searchKeepsOnlyMatchingLinesAndHighlightsThem(FxRobot robot) {
        awaitLiveWithLines(robot);
        await().atMost(Duration.ofSeconds(30)).until(() -> call(robot, () -> model().rows.stream()
                .anyMatch(r -> r.entry().line().contains("NOERROR"))));

        robot.clickOn(view(robot).searchField).write("noerror");

        assertThat(rows(robot)).isNotEmpty()
                .allSatisfy(row -> assertThat(row.entry().line()).containsIgnoringCase("noerror"));
        await().until(() -> !robot.lookup(".log-match").queryAll().isEmpty());
    }

    @Test
    void switchesToARangeQueryWithHistogramNewestFirst(FxRobot robot) {
        awaitLiveWithLines(robot);

        robot.clickOn(view(robot).queryMode);

        await().atMost(Duration.ofSeconds(30)).until(() -> model().histogram.get() != null
                && !call(robot, () -> model().rows.isEmpty()));
        List<LogRow> rows = rows(robot);
        assertThat(rows.get(0).entry().timestampNanos()).isGreaterThanOrEqualTo(rows.get(rows.size() - 1)
                .entry().timestampNanos());
        assertThat(model().histogram.get().total()).isGreaterThan(0);
        assertThat(model().resultSummary.get()).contains("lines");
        assertThat(model().tailState.get()).isNotEqualTo(TailState.LIVE);
        assertThat(view(robot).volume.isVisible()).isTrue();
        snapshot(robot, "logs-query.png");
    }

    /** For looking at the page: target/screenshots/*.png. */
    private void snapshot(FxRobot robot, String name) {
        call(robot, () -> {
            javafx.scene.image.WritableImage image = page.view().getScene().snapshot(null);
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                    dir.resolve(name).toFile());
            return null;
        });
    }

    private void awaitLiveWithLines(FxRobot robot) {
        await().atMost(Duration.ofSeconds(60)).until(() -> model().tailState.get() == TailState.LIVE
                && size(robot) > 0);
    }

    private LogsViewModel model() {
        return page.model();
    }

    private LogsView view(FxRobot robot) {
        return call(robot, () -> page.viewForTests());
    }

    private long received() {
        return model().received.get();
    }

    private int size(FxRobot robot) {
        return call(robot, () -> model().visible.size());
    }

    private List<LogRow> rows(FxRobot robot) {
        return call(robot, () -> List.copyOf(model().visible));
    }

    private static <T> T call(FxRobot robot, Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
