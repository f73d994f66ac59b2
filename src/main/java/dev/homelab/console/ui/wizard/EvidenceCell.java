package dev.homelab.console.ui.wizard;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One verification result: green only for PASSED (observed), red for FAILED, amber "could not verify, because …"
 * for UNVERIFIED — with the evidence lines (what was asked, what came back) underneath.
 */
final class EvidenceCell extends ListCell<CheckResult> {

    @Override
    protected void updateItem(CheckResult result, boolean empty) {
        super.updateItem(result, empty);
        if (empty || result == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        FontIcon icon = switch (result.verdict()) {
            case PASSED -> coloured(Feather.CHECK_CIRCLE, "-color-success-fg");
            case FAILED -> coloured(Feather.X_CIRCLE, "-color-danger-fg");
            case UNVERIFIED -> coloured(Feather.HELP_CIRCLE, "-color-warning-fg");
        };
        Label title = new Label(result.verdict() + " — " + result.title(), icon);
        title.setStyle("-fx-font-weight: bold;");
        Label summary = new Label(result.summary());
        summary.setWrapText(true);
        VBox box = new VBox(2, title, summary);
        for (Evidence evidence : result.evidence()) {
            Label line = new Label("   " + evidence.source() + " → " + evidence.observation());
            line.setWrapText(true);
            line.setStyle("-fx-text-fill: -color-fg-muted; -fx-font-size: 0.9em;");
            box.getChildren().add(line);
        }
        box.setMaxWidth(760);
        setText(null);
        setGraphic(box);
    }

    private static FontIcon coloured(Feather glyph, String colour) {
        FontIcon icon = new FontIcon(glyph);
        icon.setStyle("-fx-icon-color: " + colour + ";");
        return icon;
    }
}
