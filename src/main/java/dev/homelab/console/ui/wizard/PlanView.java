package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.StepPlan;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.List;

/**
 * A plan as the user reviews it: per change its headline and description, then the values diff with added lines in
 * green, removed lines in red and hunk headers in the accent colour (monospace, read-only). Secrets are already masked.
 */
final class PlanView extends VBox {

    PlanView() {
        setSpacing(6);
        setId("plan-view");
    }

    /** @param deferred steps planned only right before they run (they wait for an earlier step) */
    void show(List<StepPlan> plans, java.util.Collection<String> deferred) {
        getChildren().clear();
        for (StepPlan plan : plans) {
            Label summary = new Label(plan.stepId() + ": " + plan.summary());
            summary.setWrapText(true);
            summary.setStyle("-fx-font-weight: bold;");
            getChildren().add(summary);
            if (plan.isEmpty() && !deferred.contains(plan.stepId())) {
                getChildren().add(new Label("Nothing to change."));
            }
            for (PlannedChange change : plan.changes()) {
                Label headline = new Label("• " + change.headline());
                headline.setWrapText(true);
                Label description = new Label(change.description());
                description.setWrapText(true);
                description.setStyle("-fx-text-fill: -color-fg-muted;");
                getChildren().addAll(headline, description);
                if (!change.diff().isEmpty()) {
                    getChildren().add(diff(change.diff()));
                }
            }
            plan.notes().forEach(note -> {
                Label label = new Label("Note: " + note);
                label.setWrapText(true);
                getChildren().add(label);
            });
        }
    }

    static TextFlow diff(List<String> lines) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("plan-diff");
        flow.setStyle("-fx-font-family: monospace; -fx-padding: 6; -fx-background-color: -color-bg-subtle;");
        for (String line : lines) {
            Text text = new Text(line + "\n");
            text.setStyle("-fx-font-family: monospace; -fx-fill: " + colour(line) + ";");
            flow.getChildren().add(text);
        }
        return flow;
    }

    private static String colour(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return "-color-fg-muted";
        }
        if (line.startsWith("+")) {
            return "-color-success-fg";
        }
        if (line.startsWith("-")) {
            return "-color-danger-fg";
        }
        if (line.startsWith("@@")) {
            return "-color-accent-fg";
        }
        return "-color-fg-default";
    }
}
