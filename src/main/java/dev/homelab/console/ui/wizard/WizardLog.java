package dev.homelab.console.ui.wizard;

import dev.homelab.console.task.Progress;
import dev.homelab.console.ui.common.FxCoalescer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the running task reports, for the wizard: the newest progress text and the last {@value #MAX_LINES} log lines.
 * Lines from the worker are queued and handed to the FX thread in batches (at most one hand-over per pulse), so a
 * step that streams a pod's log cannot flood the UI.
 */
final class WizardLog {

    static final int MAX_LINES = 400;

    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final StringProperty progressText = new SimpleStringProperty("");
    private final FxCoalescer<String> progressLine = new FxCoalescer<>(progressText::set);
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final FxCoalescer<Boolean> handOver = new FxCoalescer<>(ignored -> drain());

    /** Forwards to the task's own progress and keeps a copy for the wizard. */
    Progress around(Progress task) {
        return new Progress() {
            @Override
            public void update(String message, double fraction) {
                task.update(message, fraction);
                progressLine.push(message);
            }

            @Override
            public void log(String line) {
                task.log(line);
                pending.add(line);
                handOver.push(Boolean.TRUE);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }
        };
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        for (String line = pending.poll(); line != null; line = pending.poll()) {
            batch.add(line);
        }
        lines.addAll(batch.subList(Math.max(0, batch.size() - MAX_LINES), batch.size()));
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
    }

    ObservableList<String> lines() {
        return lines;
    }

    StringProperty progressText() {
        return progressText;
    }
}
