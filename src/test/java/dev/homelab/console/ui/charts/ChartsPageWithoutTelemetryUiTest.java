package dev.homelab.console.ui.charts;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** When the session's telemetry could not start, the page says so and starts no sampling of its own. */
@Tag("ui")
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(ApplicationExtension.class)
class ChartsPageWithoutTelemetryUiTest {

    @TempDir
    Path home;
    KubernetesClient kube;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void explainsThatTheHistoryIsNotAvailable(FxRobot robot) {
        ClusterSession session = new ClusterSession(kube, new ClusterIdentity("pi-lab", kube.getMasterUrl().toString(),
                "uid-without-telemetry", false), new ServiceAccess() {
                    @Override
                    public ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
                        throw new ServiceUnreachableException(service, "not in this test", null);
                    }

                    @Override
                    public void close() {
                    }
                });
        ConsoleContext console = new ConsoleContext(session, null, AppDirs.under(home), null);
        BackgroundTasks tasks = new BackgroundTasks();
        ChartsPage page = new ChartsPage(new UiContext(console, tasks, id -> { }));
        robot.interact(() -> {
            stage.setScene(new Scene(new StackPane(page.view()), 800, 600));
            stage.show();
        });

        assertThat(robot.lookup("#charts-unavailable").tryQuery()).isPresent();
        assertThat(robot.lookup("#charts-page").tryQuery()).isEmpty();
        assertThat(Telemetry.running("uid-without-telemetry")).isEmpty();
        robot.interact(page::dispose);
        tasks.close();
    }
}
