package dev.homelab.console.ui.connect;

import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.ConnectionProblem;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A connection problem as the user reads it: what happened (title, detail) and what to do (fix). */
final class ProblemView extends VBox {

    private final Label title = new Label();
    private final Label detail = new Label();
    private final Label fix = new Label();

    ProblemView() {
        setId("connect-problem");
        getStyleClass().addAll("card-box", "problem-box");
        setSpacing(6);
        FontIcon icon = new FontIcon(Feather.ALERT_OCTAGON);
        icon.getStyleClass().add("status-bad");
        title.setId("problem-title");
        title.getStyleClass().addAll(Styles.TITLE_4, "status-bad");
        HBox heading = new HBox(8, icon, title);
        heading.setAlignment(Pos.CENTER_LEFT);
        detail.setId("problem-detail");
        detail.setWrapText(true);
        fix.setId("problem-fix");
        fix.setWrapText(true);
        fix.setGraphic(new FontIcon(Feather.TOOL));
        fix.getStyleClass().add("problem-fix");
        getChildren().addAll(heading, detail, fix);
    }

    void show(ConnectionProblem problem) {
        title.setText(problem.title());
        detail.setText(problem.detail());
        fix.setText("What to do: " + problem.fix());
    }
}
