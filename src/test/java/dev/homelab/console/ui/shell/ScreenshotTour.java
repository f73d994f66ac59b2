package dev.homelab.console.ui.shell;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.sandbox.grafana.GrafanaSimulation;
import dev.homelab.console.ui.wizard.WizardDriver;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes PNGs of the main screens (connect, overview and every page in {@link Pages#all()}, light and dark) and of the
 * migration wizard run through Phases 1–5 in the sandbox (with its HTML report) to docs/screenshots. Not part of the normal run:
 * {@code mvn -q -B test -Dtest=ScreenshotTour -Dscreenshots=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("ui")
@EnabledIfSystemProperty(named = "screenshots", matches = "true")
@ExtendWith(ApplicationExtension.class)
class ScreenshotTour {

    private static final int PAGE_SETTLE_MILLIS = 4000;
    /** The wizard's report of the tour, to read next to the pictures (not one of them). */
    private static final Path REPORT_DIR = Path.of("target", "screenshot-tour");

    @TempDir
    Path home;

    private final AtomicReference<Path> picked = new AtomicReference<>();
    private final Path out = Path.of(System.getProperty("screenshots.dir", "docs/screenshots"));
    private ConsoleShell shell;
    private java.time.Instant oldStackRemoved = java.time.Instant.now();
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Files.createDirectories(out);
        Path kubeconfig = home.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, SAMPLE_KUBECONFIG);
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), "{\"kubeconfig.file\": \"" + kubeconfig
                + "\", \"theme\": \"light\", \"window.width\": 1280, \"window.height\": 800}");
        shell = new ConsoleShell(stage, AppDirs.under(home), () -> WizardDriver.pagesSavingTo(REPORT_DIR, context -> { }),
                (chooser, owner) -> Optional.ofNullable(picked.get()));
        shell.start(StartupOptions.PLAIN);
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        TableView<?> contexts = robot.lookup("#context-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> contexts.getItems().size() == 3);
        bothThemes(robot, "connect");

        Path broken = home.resolve("k3s.yaml");
        Files.writeString(broken, "apiVersion: v1\nclusters:\n- cluster:\n    server: https://10.0.0.10:6443\n  name: default\n"
                + "contexts: [ {name: default, context: {cluster: default, user: default}\n");
        picked.set(broken);
        robot.clickOn("#choose-kubeconfig");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#problem-title").tryQuery()
                .map(node -> node.isVisible() && !((Label) node).getText().isBlank()).orElse(false));
        bothThemes(robot, "connect-error");
        robot.interact(() -> robot.lookup("#use-default-kubeconfig").queryButton().fire());

        robot.clickOn("#rehearse-button");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> robot.lookup("#node-table").tryQuery()
                .map(table -> ((TableView<?>) table).getItems().size() >= 4).orElse(false));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".usage-cell .label")
                .queryAllAs(Label.class).stream().anyMatch(label -> label.getText().contains("%")));
        settle();
        List<String> pages = new ArrayList<>(shell.pageIds());
        for (String page : pages) {
            robot.interact(() -> shell.navigate(page));
            settle();
            bothThemes(robot, page);
        }
        robot.interact(() -> shell.navigate("overview"));
        robot.interact(() -> robot.lookup("#overview-page").queryAs(ScrollPane.class).setVvalue(1));
        bothThemes(robot, "overview-inventory");
        wizard(robot);
        afterMigration(robot);
    }

    /** What a user opens after Phase 5: Verify now against the new stack, and the before/after comparison. */
    @SuppressWarnings("unchecked")
    private void afterMigration(FxRobot robot) throws Exception {
        robot.interact(() -> shell.navigate("verify"));
        settle();
        robot.clickOn("#verify-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> robot.lookup(node -> node.getId() != null
                && node.getId().startsWith("verify-check-")).queryAll().size() >= 4
                && robot.lookup("#verify-run").queryButton().isDisabled() == false);
        settle();
        bothThemes(robot, "verify-after-migration");

        // the comparison's "last 1 min" must lie wholly after the uninstall (the wizard's after-window setting)
        long wait = java.time.Duration.between(java.time.Instant.now(), oldStackRemoved.plusSeconds(75)).toMillis();
        Thread.sleep(Math.max(0, wait));
        robot.interact(() -> shell.navigate("charts"));
        settle();
        robot.interact(() -> robot.lookup("#charts-page").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().select(1));
        robot.interact(() -> {
            javafx.scene.control.ComboBox<String> baseline = robot.lookup("#compare-baseline")
                    .queryAs(javafx.scene.control.ComboBox.class);
            baseline.getSelectionModel().selectFirst();
            robot.lookup("#compare-after").queryAs(javafx.scene.control.ComboBox.class)
                    .setValue(java.time.Duration.ofMinutes(1));
        });
        robot.interact(() -> robot.lookup("#compare-run").queryButton().fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#comparison-components")
                .queryAs(TableView.class).getItems().isEmpty());
        settle();
        bothThemes(robot, "charts-comparison");
    }

    /** The migration wizard through Phases 1–5 in the sandbox: pictures at Phases 3, 4, 5 and the report. */
    private void wizard(FxRobot robot) throws Exception {
        WizardDriver wizard = new WizardDriver(robot, moment -> { });
        wizard.open();
        wizard.runPhase(1);
        wizard.select("pushover-secret");
        wizard.enterPushover("tour-pushover-token", "tour-pushover-user-key");
        bothThemes(robot, "wizard-phase2-pushover");
        wizard.runPhase(2);
        wizard.runPhase(3);
        bothThemes(robot, "wizard-phase3");
        wizard.select("grafana-datasources");
        wizard.enterGrafanaToken(GrafanaSimulation.TOKEN);
        bothThemes(robot, "wizard-phase4-token");
        wizard.runPhase(4);
        bothThemes(robot, "wizard-phase4");
        wizard.reviewBlocked(5);
        bothThemes(robot, "wizard-phase5-gate");
        wizard.enterPhaseFiveSettings("0", "1");
        wizard.runPhase(5);
        oldStackRemoved = java.time.Instant.now();
        bothThemes(robot, "wizard-phase5");
        wizard.writeReport(REPORT_DIR.resolve("migration-report.html"));
        bothThemes(robot, "wizard-report");
    }

    private void bothThemes(FxRobot robot, String name) throws Exception {
        robot.interact(() -> shell.theme().choose(ThemeChoice.LIGHT));
        snapshot(robot, name + "-light.png");
        robot.interact(() -> shell.theme().choose(ThemeChoice.DARK));
        snapshot(robot, name + "-dark.png");
        robot.interact(() -> shell.theme().choose(ThemeChoice.LIGHT));
    }

    private void snapshot(FxRobot robot, String file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(300);
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(stage.getScene().snapshot(null)));
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", out.resolve(file).toFile());
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(PAGE_SETTLE_MILLIS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static final String SAMPLE_KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
              - name: pi-lab
                cluster: {server: "https://192.168.1.50:6443", insecure-skip-tls-verify: true}
              - name: pi-lab-vpn
                cluster: {server: "https://10.8.0.1:6443", insecure-skip-tls-verify: true}
              - name: kind-test
                cluster: {server: "https://127.0.0.1:41234", insecure-skip-tls-verify: true}
            users:
              - name: pi-admin
                user: {token: not-a-real-token}
              - name: kind-user
                user: {token: not-a-real-token}
            contexts:
              - name: pi-lab
                context: {cluster: pi-lab, user: pi-admin, namespace: monitoring}
              - name: pi-lab-vpn
                context: {cluster: pi-lab-vpn, user: pi-admin}
              - name: kind-test
                context: {cluster: kind-test, user: kind-user, namespace: default}
            current-context: pi-lab
            """;
}
