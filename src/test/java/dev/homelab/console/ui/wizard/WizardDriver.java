package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.StepState;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import dev.homelab.console.ui.shell.PageFactory;
import dev.homelab.console.ui.shell.Pages;
import dev.homelab.console.ui.shell.UiContext;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the migration wizard of a connected main window the way a user does: the wizard's own buttons and fields,
 * waiting on what the page shows (never on time). Buttons are fired only when visible and enabled, because the
 * phase list scrolls and a robot click at a scrolled-away node would hit something else. Used by the flow test and
 * by the screenshot tour ({@code moment} is called at the states worth a picture).
 */
public final class WizardDriver {

    static final Duration PHASE_WAIT = Duration.ofMinutes(3);

    private final FxRobot robot;
    private final Consumer<String> moment;

    public WizardDriver(FxRobot robot, Consumer<String> moment) {
        this.robot = robot;
        this.moment = moment;
    }

    /**
     * The real pages, with the wizard's save dialogs answered by {@code folder} (migration-report.html, gitops/);
     * {@code onWizard} gets the wizard's context when the cluster is connected.
     */
    public static List<PageFactory> pagesSavingTo(Path folder, Consumer<UiContext> onWizard) {
        SaveLocations toFolder = new SaveLocations() {
            @Override
            public Optional<Path> reportFile(Window owner) {
                return Optional.of(folder.resolve("migration-report.html"));
            }

            @Override
            public Optional<Path> exportFolder(Window owner) {
                return Optional.of(folder.resolve("gitops"));
            }
        };
        return Pages.all().stream().map(factory -> factory instanceof WizardPageFactory
                ? (PageFactory) context -> {
                    onWizard.accept(context);
                    return new WizardPageFactory(toFolder).create(context);
                } : factory).toList();
    }

    /** Opens the wizard from the sidebar once the cluster is connected and waits for its journal. */
    public void open() {
        await().atMost(Duration.ofMinutes(4)).until(() -> robot.lookup("#nav-wizard").tryQuery().isPresent());
        robot.clickOn("#nav-wizard");
        await().atMost(Duration.ofMinutes(1)).until(() -> robot.lookup("#phase-5").tryQuery()
                .map(node -> !node.isDisabled()).orElse(false));
    }

    public void select(String stepId) {
        press("#step-" + stepId);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#step-title").queryAs(Label.class).getText()
                .endsWith(robot.lookup("#step-" + stepId).queryButton().getText()));
    }

    /** Review phase → plan shown → apply → every step done; fails at once with the page's error when one shows. */
    public void runPhase(int phase) {
        press("#phase-" + phase);
        await().atMost(PHASE_WAIT).until(() -> {
            failOnError();
            return visible("#apply-plan") && idle();
        });
        assertThat(text(robot.lookup("#plan-view").query())).as("the plan of Phase %d is shown", phase).isNotBlank();
        moment.accept("phase" + phase + "-plan");
        press("#apply-plan");
        await().atMost(PHASE_WAIT).until(() -> {
            failOnError();
            return idle() && phaseState(phase) == StepState.DONE;
        });
        moment.accept("phase" + phase + "-applied");
    }

    /** Reviews a phase that must stay blocked; returns the text the page shows about it. */
    public String reviewBlocked(int phase) {
        press("#phase-" + phase);
        await().atMost(PHASE_WAIT).until(() -> idle() && visible("#step-error"));
        assertThat(visible("#apply-plan")).as("no apply while blocked").isFalse();
        return robot.lookup("#step-error").queryAs(Label.class).getText();
    }

    public void type(String fieldId, String value) {
        TextInputControl field = robot.lookup(fieldId).queryAs(TextInputControl.class);
        assertThat(field.isVisible()).as("%s is on screen", fieldId).isTrue();
        robot.interact(() -> {
            field.requestFocus();
            field.setText(value);
        });
    }

    public void enterPushover(String token, String userKey) {
        type("#pushover-token", token);
        type("#pushover-user-key", userKey);
        press("#use-pushover");
    }

    public void enterGrafanaToken(String token) {
        type("#grafana-token", token);
        press("#use-grafana-token");
    }

    public void enterPhaseFiveSettings(String minimumHistoryHours, String afterWindowMinutes) {
        type("#min-history-hours", minimumHistoryHours);
        type("#after-window-minutes", afterWindowMinutes);
        press("#use-phase5-settings");
    }

    /** Selects the step, presses Verify and returns the evidence once the verification has run. */
    public List<CheckResult> verify(String stepId) {
        select(stepId);
        String done = "Verify: " + robot.lookup("#step-" + stepId).queryButton().getText() + " — finished";
        press("#verify");
        await().atMost(PHASE_WAIT).until(() -> {
            failOnError();
            return idle() && label("#progress-text").equals(done);
        });
        return evidence();
    }

    /**
     * Verifies the step again (as a user would, after the time the page named) until the check {@code checkId} is
     * no longer UNVERIFIED; returns it.
     */
    public CheckResult verifyUntilDecided(String stepId, String checkId, Duration atMost) {
        select(stepId);
        List<CheckResult> found = new ArrayList<>();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(5)).until(() -> {
            if (!idle()) {
                return false;
            }
            Optional<CheckResult> check = evidence().stream().filter(c -> c.id().equals(checkId)).findFirst();
            if (check.isPresent() && check.get().verdict() != Verdict.UNVERIFIED) {
                found.add(check.get());
                return true;
            }
            press("#verify");
            return false;
        });
        return found.get(0);
    }

    /** "Write report" (the save dialog answered with {@code file}); returns the file once the page says it is written. */
    public Path writeReport(Path file) {
        press("#write-report");
        await().atMost(Duration.ofMinutes(1)).until(() -> idle() && robot.lookup("#report-written")
                .queryAs(Label.class).getText().contains(file.getFileName().toString()));
        assertThat(file).exists();
        moment.accept("report-written");
        return file;
    }

    /** "Undo phase…" → the confirmation names what each step's undo does → confirm; waits for every step undone. */
    public String undoPhase(int phase) {
        press("#undo-phase-" + phase);
        await().atMost(Duration.ofSeconds(10)).until(() -> visible("#undo-confirmation"));
        String described = text(robot.lookup("#undo-confirmation").query());
        moment.accept("phase" + phase + "-undo-confirmation");
        press("#confirm-undo");
        await().atMost(PHASE_WAIT).until(() -> {
            failOnError();
            return idle() && phaseState(phase) == StepState.UNDONE;
        });
        return described;
    }

    @SuppressWarnings("unchecked")
    public List<CheckResult> evidence() {
        return new ArrayList<>(((ItemsBox<CheckResult>) robot.lookup("#evidence-list").query()).getItems());
    }

    public StepState stepState(String stepId) {
        return (StepState) robot.lookup("#state-" + stepId).query().getProperties().get("state");
    }

    public StepState phaseState(int phase) {
        return (StepState) robot.lookup("#phase-state-" + phase).query().getProperties().get("state");
    }

    public boolean visible(String id) {
        return robot.lookup(id).tryQuery().map(WizardDriver::shown).orElse(false);
    }

    public String label(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** No background task of the wizard runs (its buttons are enabled again). */
    public boolean idle() {
        return !robot.lookup("#phase-1").query().isDisabled();
    }

    public void press(String id) {
        Button button = robot.lookup(id).queryButton();
        assertThat(shown(button)).as("%s is on screen", id).isTrue();
        await().atMost(Duration.ofMinutes(1)).until(() -> !button.isDisabled());
        robot.interact(button::fire);
    }

    private void failOnError() {
        if (visible("#step-error")) {
            throw new AssertionError("the wizard shows an error: " + label("#step-error"));
        }
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }

    static String text(Node node) {
        StringBuilder all = new StringBuilder();
        collect(node, all);
        return all.toString();
    }

    private static void collect(Node node, StringBuilder all) {
        if (node instanceof Label label) {
            all.append(label.getText()).append('\n');
        } else if (node instanceof javafx.scene.text.Text text) {
            all.append(text.getText());
        } else if (node instanceof javafx.scene.control.Labeled labeled) {
            all.append(labeled.getText()).append('\n');
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, all));
        }
    }

}
