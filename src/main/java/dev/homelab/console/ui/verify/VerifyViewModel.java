package dev.homelab.console.ui.verify;

import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.now.VerifyNow;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** State of the Verify-now page: whether the checks run, their results, a status line. */
public final class VerifyViewModel {

    private final VerifyNow verify;
    private final BackgroundTasks tasks;
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("Run the four checks of the plan at any time.");

    public VerifyViewModel(VerifyNow verify, BackgroundTasks tasks) {
        this.verify = verify;
        this.tasks = tasks;
    }

    public void runChecks() {
        if (running.get()) {
            return;
        }
        running.set(true);
        status.set("Running the checks (the Pushover check waits for Alertmanager's group_wait)…");
        tasks.submit("Verify now", progress -> {
            try {
                return verify.run(progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.homelab.console.task.CancelledException();
            }
        }, done -> {
            results.setAll(done);
            long passed = done.stream().filter(CheckResult::passed).count();
            status.set(passed + " of " + done.size() + " checks passed"
                    + (VerifyNow.anyFailed(done) ? "; at least one is red" : ""));
            running.set(false);
        }, error -> {
            status.set("The checks stopped: " + error.getMessage());
            running.set(false);
        });
    }

    public ObservableList<CheckResult> results() {
        return results;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public StringProperty statusProperty() {
        return status;
    }
}
