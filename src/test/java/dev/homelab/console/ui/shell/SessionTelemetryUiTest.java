package dev.homelab.console.ui.shell;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.telemetry.Sampler;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.charts.ChartsPage;
import dev.homelab.console.ui.connect.FilePicker;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connected session owns the telemetry: sampling runs from connect, whichever page the user opens (here the
 * Resources page is never opened), and stops when the user switches cluster.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SessionTelemetryUiTest {

    @TempDir
    Path home;
    private ConsoleShell shell;

    @Start
    void start(Stage stage) {
        FilePicker picker = (chooser, owner) -> Optional.empty();
        shell = new ConsoleShell(stage, AppDirs.under(home), Pages::all, picker);
        shell.start(StartupOptions.PLAIN);
    }

    @AfterEach
    void shutdown(FxRobot robot) {
        robot.interact(() -> shell.shutdown());
    }

    @Test
    void samplingRunsFromConnectWithoutTheResourcesPageAndStopsOnSwitchCluster(FxRobot robot) throws Exception {
        robot.clickOn("#rehearse-button");
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> shell.isConnected());

        Telemetry telemetry = shell.telemetry().orElseThrow();
        String clusterId = telemetry.context().cluster().identity().clusterId();
        assertThat(Telemetry.running(clusterId)).containsSame(telemetry);
        Sampler sampler = telemetry.sampler().orElseThrow();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> sampler.lastTick()
                .filter(tick -> tick.allocatable().size() == 4).isPresent());
        assertThat(sampler.lastTick().orElseThrow().usage()).isNotEmpty();
        assertThat(robot.lookup("#charts-page").tryQuery())
                .as("the Resources page was never opened").isEmpty();

        robot.interact(() -> assertThat(shell.navigate(ChartsPage.ID)).isTrue());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#charts-page").tryQuery().isPresent());
        assertThat(Telemetry.running(clusterId)).as("opening the page starts nothing new").containsSame(telemetry);

        robot.clickOn("#switch-cluster");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Telemetry.running(clusterId).isEmpty());
        assertThat(shell.telemetry()).isEmpty();
        assertThat(sampler.status().state().name()).isEqualTo("STOPPED");
    }
}
