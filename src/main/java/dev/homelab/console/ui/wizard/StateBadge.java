package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.StepState;
import javafx.scene.control.Label;

/** A coloured label for a step or phase state (not started, blocked, ready, running, done, failed, undone). */
final class StateBadge extends Label {

    StateBadge() {
        setMinWidth(USE_PREF_SIZE);
        setPrefWidth(104);
        show(StepState.NOT_STARTED);
    }

    void show(StepState state) {
        setText(state.label());
        String colour = switch (state) {
            case DONE -> "-color-success-fg";
            case FAILED, BLOCKED -> "-color-danger-fg";
            case RUNNING -> "-color-accent-fg";
            case READY -> "-color-fg-default";
            case NOT_STARTED, UNDONE -> "-color-fg-muted";
        };
        setStyle("-fx-text-fill: " + colour + "; -fx-font-weight: bold;");
        getProperties().put("state", state);
    }
}
