package dev.homelab.console.ui.wizard;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.decommission.DecommissionSettings;
import dev.homelab.console.sandbox.grafana.GrafanaSimulation;
import dev.homelab.console.ui.shell.ConsoleShell;
import dev.homelab.console.ui.shell.StartupOptions;
import dev.homelab.console.ui.shell.TestShells;
import dev.homelab.console.ui.shell.UiContext;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole migration from the wizard in the real main window (headless Monocle) on the sandbox's default scenario:
 * every phase reviewed (plan shown), applied and verified through the wizard's buttons, with the Pushover test
 * values and the sandbox's Grafana token typed into the masked fields and the two Phase 5 settings lowered there;
 * then the migration report and the undo of Phase 5, which reinstalls the old stack in the sandbox.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WizardSandboxFlowUiTest {

    static final String TOKEN = "ui-pushover-token-value";
    static final String USER_KEY = "ui-pushover-user-key-value";

    @TempDir
    Path home;

    private final AtomicReference<UiContext> connected = new AtomicReference<>();
    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        // usage samples every 5 s, so that a 1-minute "after" window has enough of them
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), "{\"telemetry.intervalSeconds\": 5, "
                + "\"window.width\": 1400, \"window.height\": 900}");
        shell = TestShells.shell(stage, AppDirs.under(home), () -> WizardDriver.pagesSavingTo(home, connected::set));
        shell.start(StartupOptions.PLAIN);
    }

    @AfterEach
    void shutdown(FxRobot robot) {
        robot.interact(() -> shell.shutdown());
    }

    @Test
    void phasesOneToFiveRunFromTheWizardEndWithTheReportAndPhaseFiveCanBeUndone(FxRobot robot) throws Exception {
        robot.clickOn("#rehearse-button");
        WizardDriver wizard = new WizardDriver(robot, moment -> { });
        wizard.open();

        wizard.runPhase(1);
        assertThat(wizard.verify("minio-buckets")).isNotEmpty().allMatch(CheckResult::passed);

        wizard.select("pushover-secret");
        assertThat(wizard.label("#pushover-state")).contains("Token: not given");
        assertThat(wizard.visible("#pushover-sandbox-hint")).isTrue();
        wizard.enterPushover(TOKEN, USER_KEY);
        assertThat(robot.lookup("#pushover-token").queryAs(javafx.scene.Node.class)).isInstanceOf(PasswordField.class);
        assertThat(wizard.label("#pushover-state")).isEqualTo("Token: entered (" + TOKEN.length()
                + " characters) · user key: entered (" + USER_KEY.length() + " characters)");
        wizard.runPhase(2);
        assertThat(wizard.evidence()).anyMatch(c -> c.passed() && c.title().toLowerCase().contains("pushover"));
        assertThat(wizard.verify("vm-stack")).anyMatch(c -> c.passed()
                && c.title().equals("up == 1 for every node in VictoriaMetrics"));

        wizard.runPhase(3);
        assertThat(wizard.verify("vector-agent")).anyMatch(c -> c.passed()
                && c.title().equals("Logs from every node arrive in Loki"));

        wizard.select("grafana-datasources");
        assertThat(wizard.label("#grafana-sandbox-hint")).contains(GrafanaSimulation.TOKEN);
        wizard.press("#use-grafana-admin");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> wizard.idle()
                && wizard.label("#grafana-token-state").contains("Admin login: admin, read from Secret grafana/"));
        wizard.enterGrafanaToken(GrafanaSimulation.TOKEN);
        assertThat(wizard.label("#grafana-token-state")).startsWith("Token: entered ("
                + GrafanaSimulation.TOKEN.length() + " characters) · Admin login: admin");
        assertThat(wizard.label("#grafana-token-state")).doesNotContain(GrafanaSimulation.TOKEN);
        wizard.runPhase(4);
        assertThat(wizard.verify("grafana-datasources")).filteredOn(c -> c.id().equals("grafana-vm-health"))
                .singleElement().extracting(CheckResult::verdict).isEqualTo(Verdict.PASSED);

        // the gate with its default 24 h: blocked, and the page names the condition and the fix
        String blocked = wizard.reviewBlocked(5);
        assertThat(blocked).contains("VictoriaMetrics has held data for 24 h")
                .contains("Fix: Wait, or lower the setting " + DecommissionSettings.MIN_HISTORY_HOURS);
        wizard.enterPhaseFiveSettings("-1", "1");
        assertThat(wizard.visible("#min-history-error")).isTrue();
        assertThat(wizard.label("#min-history-error")).contains(DecommissionSettings.MIN_HISTORY_HOURS)
                .contains("whole number of hours ≥ 0").contains("'-1'");
        wizard.enterPhaseFiveSettings("0", "1");
        assertThat(wizard.visible("#min-history-error")).isFalse();
        assertThat(wizard.visible("#after-window-error")).isFalse();
        assertThat(wizard.label("#phase5-settings-state")).startsWith("In use: 0 h of history, 1 min after window");

        wizard.runPhase(5);
        assertThat(releases()).noneMatch(r -> r.chartName().equals("kube-prometheus-stack")
                || r.chartName().equals("alloy"));
        CheckResult drop = wizard.verifyUntilDecided("decommission", "resource-drop", Duration.ofMinutes(3));
        assertThat(drop.verdict()).as("resource drop: %s", drop.summary()).isEqualTo(Verdict.PASSED);

        String html = Files.readString(wizard.writeReport(home.resolve("migration-report.html")));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Phase 1", "Phase 2", "Phase 3", "Phase 4", "Phase 5");
        assertThat(html).as("every phase's verification evidence").contains(
                "Helm repositories", "Pushover", "Logs from every node arrive in Loki",
                "VictoriaMetrics datasource answers in Grafana", "Alloy and kube-prometheus-stack are uninstalled",
                "Node memory dropped after the old stack left");
        assertThat(html).as("the resource-drop comparison").contains("Resource usage before and after");
        assertThat(html).doesNotContain(TOKEN).doesNotContain(USER_KEY).doesNotContain(GrafanaSimulation.TOKEN);

        String undo = wizard.undoPhase(5);
        assertThat(undo).contains("Reinstalls kube-prometheus-stack and Alloy");
        assertThat(releases()).anyMatch(r -> r.chartName().equals("kube-prometheus-stack"))
                .anyMatch(r -> r.chartName().equals("alloy"));
    }

    private List<HelmRelease> releases() {
        return connected.get().console().releases().list();
    }
}
