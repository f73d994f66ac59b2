package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The rows of the preflight checklist and of the verification evidence. */
final class CheckRows {

    private CheckRows() {
    }

    /**
     * One verification result: green only for PASSED (observed), red for FAILED, amber "could not verify, because …"
     * for UNVERIFIED — with the evidence lines (what was asked, what came back) underneath.
     */
    static Node evidence(CheckResult result) {
        FontIcon icon = switch (result.verdict()) {
            case PASSED -> coloured(Feather.CHECK_CIRCLE, "status-ok");
            case FAILED -> coloured(Feather.X_CIRCLE, "status-bad");
            case UNVERIFIED -> coloured(Feather.HELP_CIRCLE, "status-warn");
        };
        Label title = wrapped(result.verdict() + " — " + result.title());
        title.setStyle("-fx-font-weight: bold;");
        // the icon beside the label, not its graphic: the label's bold font would replace the icon font
        HBox heading = new HBox(6, icon, title);
        heading.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);
        VBox box = new VBox(2, heading, wrapped(result.summary()));
        for (Evidence evidence : result.evidence()) {
            Label line = wrapped(evidence.source() + " → " + evidence.observation());
            line.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 0.9em; -fx-padding: 0 0 0 22;");
            box.getChildren().add(line);
        }
        box.getStyleClass().add("evidence-row");
        box.getProperties().put("verdict", result.verdict());
        return box;
    }

    /** OK / WARNING / BLOCKED with the reason and the fix. */
    static Node preflight(PreflightCheck check) {
        String mark = switch (check.severity()) {
            case OK -> "OK";
            case WARNING -> "WARNING";
            case BLOCKING -> "BLOCKED";
        };
        Label row = wrapped(mark + "  " + check.title() + ": " + check.reason()
                + (check.fix().isEmpty() ? "" : "  — fix: " + check.fix()));
        row.setStyle(switch (check.severity()) {
            case OK -> "-fx-text-fill: -color-success-fg;";
            case WARNING -> "-fx-text-fill: -color-warning-fg;";
            case BLOCKING -> "-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;";
        });
        return row;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    /** Coloured by the shared style class: an inline style would replace the icon's own font. */
    private static FontIcon coloured(Feather glyph, String styleClass) {
        FontIcon icon = new FontIcon(glyph);
        icon.getStyleClass().add(styleClass);
        return icon;
    }
}
