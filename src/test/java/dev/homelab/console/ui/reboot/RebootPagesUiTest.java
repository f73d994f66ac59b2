package dev.homelab.console.ui.reboot;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.reboot.RebootSandbox;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.run.RebootNamespace;
import dev.homelab.console.reboot.run.RebootPod;
import dev.homelab.console.reboot.run.RebootTestRunner;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import dev.homelab.console.ui.verify.VerifyPage;
import dev.homelab.console.verify.now.VerifyNow;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reboot-test and Verify-now pages driven in a real (headless) window over the shared sandbox after the
 * migration (lab {@code migrated}, one for the class).
 */
@Tag("ui")
class RebootPagesUiTest {

    @TempDir
    Path home;
    private static SandboxLab lab;
    private static String worker;
    private BackgroundTasks tasks;
    private UiContext context;
    private final AtomicReference<String> navigated = new AtomicReference<>();
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        lab = RebootSandbox.migrated();
        worker = RebootTestRunner.standard(lab.session(), AppDirs.under(java.nio.file.Files.createTempDirectory("plan")))
                .plan(RebootSettings.defaults()).proposedNode();
    }

    @AfterAll
    static void stopLab() throws Exception {
        RebootSandbox.stop(lab);
    }

    @BeforeEach
    void start() {
        tasks = new BackgroundTasks();
        context = new UiContext(new ConsoleContext(lab.session(), null, AppDirs.under(home), null), tasks,
                navigated::set);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        tasks.close();
    }

    @Test
    void oneClickRebootsTheProposedWorkerWithALiveTimelineAndEndsWithVerdicts() throws Exception {
        show(new RebootPage(context, runner(), 2));
        await().atMost(20, TimeUnit.SECONDS).until(() -> text("#reboot-message").startsWith("Refused"));
        assertThat(robot.lookup("#reboot-start").queryAs(Button.class).isDisabled()).isTrue();

        robot.clickOn("#reboot-accept-downtime");
        await().atMost(20, TimeUnit.SECONDS).until(() -> text("#reboot-message").equals("Ready to reboot " + worker));
        robot.clickOn("#reboot-start");
        await().atMost(5, TimeUnit.SECONDS).until(() -> text("#reboot-countdown").contains("Rebooting " + worker + " in"));
        await().atMost(20, TimeUnit.SECONDS).until(() -> timelineText().contains("Node NotReady"));
        assertThat(text("#reboot-message")).doesNotStartWith("Finished");

        await().atMost(90, TimeUnit.SECONDS).until(() -> text("#reboot-message").startsWith("Finished"));
        assertThat(timelineText()).contains("Reboot requested", "Boot ID changed", "Node Ready again",
                "Agent pods Ready again", "Targets up again");
        String verdicts = verdictsText();
        assertThat(verdicts).contains("PASSED  Node recovered", "PASSED  Metrics buffered",
                "PASSED  Metrics complete", "PASSED  Logs complete");
        assertThat(text("#reboot-message")).contains("report");
        assertThat(lab.world().kube().pods().inNamespace(RebootNamespace.NAME).withName(RebootPod.name(worker)).get())
                .isNull();
    }

    @Test
    void cancellingTheCountdownChangesNothing() throws Exception {
        show(new RebootPage(context, runner(), 5));
        robot.clickOn("#reboot-accept-downtime");
        await().atMost(20, TimeUnit.SECONDS).until(() -> text("#reboot-message").equals("Ready to reboot " + worker));
        robot.clickOn("#reboot-start");
        await().atMost(5, TimeUnit.SECONDS).until(() -> text("#reboot-countdown").contains("in"));
        robot.clickOn("#reboot-cancel");

        await().atMost(5, TimeUnit.SECONDS).until(() -> text("#reboot-message").equals("Cancelled before anything changed"));
        Thread.sleep(6000);
        assertThat(lab.world().kube().pods().inNamespace(RebootNamespace.NAME).list().getItems()).isEmpty();
        var spec = lab.world().kube().nodes().withName(worker).get().getSpec();
        assertThat(spec == null ? null : spec.getUnschedulable()).isNotEqualTo(true);
    }

    @Test
    void verifyNowShowsTheFourChecksWithEvidenceAndLeadsToANewRebootTest() throws Exception {
        show(new VerifyPage(context, new VerifyNow(lab.session(), AppDirs.under(home), Clock.systemUTC(),
                Duration.ofSeconds(5))));
        robot.clickOn("#verify-run");
        await().atMost(60, TimeUnit.SECONDS).until(() -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup("#verify-results").queryAs(VBox.class).getChildren().size()).get() == 4);

        assertThat(checkText("vm-up-per-node")).startsWith("PASSED").contains(worker);
        assertThat(checkText("loki-kube-system")).startsWith("PASSED").contains("{namespace=\"kube-system\"}");
        assertThat(checkText("pushover-delivery")).startsWith("PASSED").contains("Pushover accepted");
        assertThat(checkText("last-reboot-test")).startsWith("COULD NOT VERIFY").contains("no reboot test");
        robot.clickOn("#verify-reboot");
        assertThat(navigated.get()).isEqualTo(RebootPage.ID);
    }

    private RebootTestRunner runner() {
        return new RebootTestRunner(lab.session(), AppDirs.under(home), Clock.systemUTC(), Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }

    private void show(Page page) throws Exception {
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene((Parent) page.view(), 1100, 760));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryAs(Label.class).getText()).get();
    }

    @SuppressWarnings("unchecked")
    private String timelineText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            ListView<dev.homelab.console.reboot.timeline.TimelineEvent> list =
                    robot.lookup("#reboot-timeline").queryAs(ListView.class);
            return list.getItems().stream().map(e -> e.milestone().title()).toList().toString();
        }).get();
    }

    private String verdictsText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#reboot-verdicts").queryAs(VBox.class).getChildren()
                .stream().map(n -> ((Label) n).getText()).toList().toString()).get();
    }

    private String checkText(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#verify-check-" + id).queryAs(VBox.class).getChildren()
                .stream().map(n -> ((Label) n).getText()).reduce((a, b) -> a + "\n" + b).orElse("")).get();
    }
}
