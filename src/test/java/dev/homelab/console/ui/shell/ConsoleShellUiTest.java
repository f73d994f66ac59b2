package dev.homelab.console.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.task.Progress;
import dev.homelab.console.ui.connect.FilePicker;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real main window headless (Monocle): sandbox connect, a broken kubeconfig, themes, the task panel. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ConsoleShellUiTest {

    @TempDir
    Path home;

    private final AtomicReference<Path> pickedFile = new AtomicReference<>();
    private ConsoleShell shell;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FilePicker picker = (chooser, owner) -> Optional.ofNullable(pickedFile.get());
        shell = new ConsoleShell(stage, AppDirs.under(home), Pages::all, picker);
        shell.start(StartupOptions.PLAIN);
    }

    @AfterEach
    void shutdown(FxRobot robot) {
        robot.interact(() -> shell.shutdown());
    }

    @Test
    void rehearsingShowsTheFourArm64NodesOfTheSimulatedLabWithUsage(FxRobot robot) throws Exception {
        robot.clickOn("#rehearse-button");

        TableView<?> nodes = waitFor(robot, "#node-table", TableView.class, 240);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup(".usage-cell .label").queryAllAs(Label.class).stream()
                        .anyMatch(label -> label.getText().contains("%")));

        TableColumn<?, ?> arch = nodes.getColumns().stream().filter(column -> column.getText().equals("Arch"))
                .findFirst().orElseThrow();
        List<Object> architectures = IntStream.range(0, nodes.getItems().size())
                .mapToObj(index -> (Object) arch.getCellData(index)).toList();
        assertThat(architectures).hasSize(4).containsOnly("arm64");
        assertThat(robot.lookup("#sandbox-badge").query().isVisible()).isTrue();
        assertThat(robot.lookup("#nav-overview").tryQuery()).isPresent();
    }

    @Test
    void deniedPermissionsAreReviewedWithWhatTheyAreNeededForBeforeThePagesOpen(FxRobot robot) throws Exception {
        Path scenario = home.resolve("rbac-denied.yaml");
        try (var in = ConsoleShellUiTest.class.getResourceAsStream("/sandbox/scenarios/rbac-denied.yaml")) {
            assertThat(in).as("the sandbox's rbac-denied scenario").isNotNull();
            Files.copy(in, scenario);
        }
        pickedFile.set(scenario);

        robot.clickOn("#rehearse-scenario-button");

        waitFor(robot, "#permission-checklist", javafx.scene.layout.VBox.class, 240);
        assertThat(robot.lookup("#permission-summary").queryAs(Label.class).getText()).contains("not allowed");
        List<String> denied = robot.lookup("#permission-checklist .not-allowed").queryAll().stream()
                .map(row -> robot.from(row).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                        .reduce("", (a, b) -> a + " " + b))
                .toList();
        assertThat(denied).isNotEmpty().allMatch(row -> row.contains("needed for"));
        assertThat(robot.lookup("#node-table").tryQuery()).isEmpty();

        robot.clickOn("#review-continue");

        TableView<?> nodes = waitFor(robot, "#node-table", TableView.class, 60);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4);
    }

    @Test
    void aBrokenKubeconfigShowsWhatIsWrongAndHowToFixIt(FxRobot robot) throws Exception {
        Path broken = home.resolve("broken-kubeconfig.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Config\nclusters:\n  - name: lab\n    cluster: [unclosed\n");
        pickedFile.set(broken);

        robot.clickOn("#choose-kubeconfig");

        Label title = waitFor(robot, "#problem-title", Label.class, 20);
        Label detail = robot.lookup("#problem-detail").queryAs(Label.class);
        Label fix = robot.lookup("#problem-fix").queryAs(Label.class);
        assertThat(title.getText()).isNotBlank();
        assertThat(detail.getText()).contains("broken-kubeconfig.yaml");
        assertThat(fix.getText()).startsWith("What to do:").hasSizeGreaterThan("What to do: ".length() + 10);
    }

    @Test
    void anUnreachableServerIsNamedWithItsUrl(FxRobot robot) throws Exception {
        Path kubeconfig = home.resolve("unreachable.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: pi-lab
                    cluster:
                      server: https://127.0.0.1:1
                      insecure-skip-tls-verify: true
                users:
                  - name: admin
                    user:
                      token: not-a-real-token
                contexts:
                  - name: pi-lab
                    context: {cluster: pi-lab, user: admin, namespace: monitoring}
                current-context: pi-lab
                """);
        pickedFile.set(kubeconfig);
        robot.clickOn("#choose-kubeconfig");
        TableView<?> contexts = waitFor(robot, "#context-table", TableView.class, 20);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> contexts.getItems().size() == 1);

        robot.clickOn("#connect-button");

        Label detail = waitFor(robot, "#problem-detail", Label.class, 40);
        assertThat(detail.getText()).contains("https://127.0.0.1:1");
        assertThat(robot.lookup("#problem-fix").queryAs(Label.class).getText()).isNotBlank();
        assertThat(detail.getText() + robot.lookup("#problem-fix").queryAs(Label.class).getText())
                .doesNotContain("not-a-real-token");
    }

    @Test
    void switchingTheThemeChangesTheStylesheetAndTheDarkPseudoClass(FxRobot robot) {
        robot.clickOn("#theme-dark");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(stage.getScene().getRoot().getPseudoClassStates()).contains(ThemeManager.DARK);

        robot.clickOn("#theme-light");
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        assertThat(stage.getScene().getRoot().getPseudoClassStates()).doesNotContain(ThemeManager.DARK);
        assertThat(home.resolve("config/settings.json")).content().contains("\"light\"");
    }

    @Test
    void theTaskPanelListsARunningTaskAndCancelsIt(FxRobot robot) throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        robot.interact(() -> shell.tasks().submit("Installing vmagent", (Progress progress) -> {
            progress.update("Waiting for the DaemonSet", 0.4);
            while (!progress.isCancelled()) {
                sleep();
            }
            stopped.set(true);
            progress.checkCancelled();
            return null;
        }, ignored -> { }, error -> { }));

        robot.clickOn("#tasks-button");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#task-panel .task-row").tryQuery()
                .isPresent());
        assertThat(robot.lookup("#task-panel").lookup("Installing vmagent").tryQuery()).isPresent();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#task-panel").lookup("Waiting for the DaemonSet").tryQuery().isPresent());

        robot.clickOn("#task-panel .cancel-task");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shell.tasks().running().isEmpty());
        assertThat(stopped).isTrue();
        assertThat(robot.lookup("#tasks-button").queryButton().getText()).isEqualTo("No background tasks");
    }

    private static <T extends Node> T waitFor(FxRobot robot, String query, Class<T> type, int seconds)
            throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
        return robot.lookup(query).queryAs(type);
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
