package dev.homelab.console.ui.reboot;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.buffers.BufferSnapshot;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.run.RebootTestRunner;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.common.FxCoalescer;
import dev.homelab.console.verify.CheckResult;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.util.List;

/**
 * State of the reboot-test page: the plan for the chosen node, the confirmation countdown, the live timeline and
 * queue, and the verdicts. The only thing that talks to the engine; everything changes on the FX thread.
 */
public final class RebootViewModel {

    public enum Phase { IDLE, PLANNING, CONFIRMING, RUNNING, DONE }

    private final RebootTestRunner runner;
    private final BackgroundTasks tasks;
    private final int cancelWindowSeconds;
    private final ObservableList<String> nodes = FXCollections.observableArrayList();
    private final StringProperty node = new SimpleStringProperty();
    private final BooleanProperty cordon = new SimpleBooleanProperty(true);
    private final BooleanProperty acceptDowntime = new SimpleBooleanProperty(false);
    private final ObjectProperty<RebootPlan> plan = new SimpleObjectProperty<>();
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(Phase.IDLE);
    private final IntegerProperty countdown = new SimpleIntegerProperty();
    private final ObservableList<TimelineEvent> timeline = FXCollections.observableArrayList();
    private final StringProperty queue = new SimpleStringProperty("");
    private final ObservableList<CheckResult> claims = FXCollections.observableArrayList();
    private final ObjectProperty<RebootResult> result = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private Timeline countdownTimer;
    private BackgroundTasks.Handle running;

    public RebootViewModel(RebootTestRunner runner, BackgroundTasks tasks, int cancelWindowSeconds) {
        this.runner = runner;
        this.tasks = tasks;
        this.cancelWindowSeconds = cancelWindowSeconds;
    }

    /** Reads the cluster and plans for the chosen node (the proposed one when none is chosen yet). */
    public void refreshPlan() {
        phase.set(Phase.PLANNING);
        RebootSettings settings = settings();
        tasks.submit("Planning the reboot test", progress -> runner.plan(settings), planned -> {
            plan.set(planned);
            List<String> names = planned.nodes().stream().map(n -> n.name()).toList();
            if (!nodes.equals(names)) {
                nodes.setAll(names);
            }
            if (node.get() == null) {
                node.set(planned.node());
            }
            message.set(planned.allowed() ? "Ready to reboot " + planned.node() : "Refused: "
                    + planned.refusals().get(0).message());
            phase.set(Phase.IDLE);
        }, error -> {
            message.set("Could not plan: " + error.getMessage());
            phase.set(Phase.IDLE);
        });
    }

    /** Starts the cancel window; the reboot begins when it runs out. */
    public void confirm() {
        RebootPlan current = plan.get();
        if (current == null || !current.allowed() || phase.get() != Phase.IDLE) {
            return;
        }
        phase.set(Phase.CONFIRMING);
        countdown.set(cancelWindowSeconds);
        countdownTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            countdown.set(countdown.get() - 1);
            if (countdown.get() <= 0) {
                countdownTimer.stop();
                start(current);
            }
        }));
        countdownTimer.setCycleCount(cancelWindowSeconds);
        countdownTimer.play();
    }

    /** Cancels the countdown, or the running test (which still deletes its pod, uncordons and releases the lock). */
    public void cancel() {
        if (countdownTimer != null) {
            countdownTimer.stop();
        }
        if (phase.get() == Phase.CONFIRMING) {
            phase.set(Phase.IDLE);
            message.set("Cancelled before anything changed");
        } else if (running != null) {
            running.cancel();
            message.set("Cancelling: cleaning up the reboot pod, cordon and lock");
        }
    }

    private void start(RebootPlan confirmed) {
        phase.set(Phase.RUNNING);
        timeline.clear();
        claims.clear();
        result.set(null);
        RebootTimeline live = new RebootTimeline();
        FxCoalescer<List<TimelineEvent>> events = new FxCoalescer<>(timeline::setAll);
        live.addListener(e -> events.push(live.events()));
        FxCoalescer<BufferSnapshot> buffer = new FxCoalescer<>(s -> queue.set("vmagent queue: "
                + dev.homelab.console.reboot.verdict.MetricsClaims.bytes(s.pendingBytes())));
        RebootSettings settings = confirmed.settingsFor(settings());
        running = tasks.submit("Reboot test of " + confirmed.node(),
                progress -> {
                    try {
                        return runner.run(settings, live, buffer::push, progress);
                    } catch (dev.homelab.console.reboot.run.RebootRefusedException
                             | dev.homelab.console.reboot.run.RebootLock.LockHeldException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                },
                done -> {
                    timeline.setAll(done.timeline());
                    claims.setAll(done.claims());
                    result.set(done);
                    message.set("Finished: " + done.overall() + (done.reportFile() == null ? ""
                            : " — report " + done.reportFile()));
                    phase.set(Phase.DONE);
                    running = null;
                },
                error -> {
                    message.set("The reboot test stopped: " + error.getMessage());
                    phase.set(Phase.DONE);
                    running = null;
                });
    }

    private RebootSettings settings() {
        return new RebootSettings(node.get(), cordon.get(), RebootSettings.DEFAULT_TIMEOUT, acceptDowntime.get());
    }

    public ObservableList<String> nodes() {
        return nodes;
    }

    public StringProperty nodeProperty() {
        return node;
    }

    public BooleanProperty cordonProperty() {
        return cordon;
    }

    public BooleanProperty acceptDowntimeProperty() {
        return acceptDowntime;
    }

    public ObjectProperty<RebootPlan> planProperty() {
        return plan;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public IntegerProperty countdownProperty() {
        return countdown;
    }

    public ObservableList<TimelineEvent> timeline() {
        return timeline;
    }

    public StringProperty queueProperty() {
        return queue;
    }

    public ObservableList<CheckResult> claims() {
        return claims;
    }

    public ObjectProperty<RebootResult> resultProperty() {
        return result;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public void close() {
        if (countdownTimer != null) {
            countdownTimer.stop();
        }
    }
}
