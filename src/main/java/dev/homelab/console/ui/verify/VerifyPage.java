package dev.homelab.console.ui.verify;

import dev.homelab.console.ui.reboot.RebootPage;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.now.VerifyNow;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.time.Clock;
import java.time.Duration;

/** "Verify now": the plan's four checks with their evidence, and a way to run a new reboot test. */
public final class VerifyPage implements Page {

    public static final String ID = "verify";

    private final UiContext context;
    private final VerifyNow verify;
    private VerifyViewModel model;
    private Node view;

    public VerifyPage(UiContext context) {
        this(context, new VerifyNow(context.console().cluster(), context.console().dirs(), Clock.systemUTC(),
                Duration.ofSeconds(90)));
    }

    public VerifyPage(UiContext context, VerifyNow verify) {
        this.context = context;
        this.verify = verify;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Verify now";
    }

    @Override
    public Ikon icon() {
        return Feather.CHECK_CIRCLE;
    }

    @Override
    public Node view() {
        if (view == null) {
            model = new VerifyViewModel(verify, context.tasks());
            view = build();
        }
        return view;
    }

    private Node build() {
        Label heading = new Label("Verify now");
        heading.getStyleClass().add("title-2");
        Button run = new Button("Run the checks");
        run.setId("verify-run");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.runChecks());
        Button reboot = new Button("Run a new reboot test…");
        reboot.setId("verify-reboot");
        reboot.setOnAction(e -> context.navigate(RebootPage.ID));
        Label status = new Label();
        status.setId("verify-status");
        status.textProperty().bind(model.statusProperty());
        VBox results = new VBox(12);
        results.setId("verify-results");
        model.results().addListener((javafx.collections.ListChangeListener<CheckResult>) c -> show(results));
        VBox content = new VBox(12, heading, new HBox(10, run, reboot), status, results);
        content.setPadding(new Insets(16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void show(VBox box) {
        box.getChildren().clear();
        for (CheckResult result : model.results()) {
            Label title = new Label(badge(result.verdict()) + "  " + result.title());
            title.getStyleClass().add(result.verdict() == Verdict.PASSED ? "success"
                    : result.verdict() == Verdict.FAILED ? "danger" : "warning");
            Label summary = new Label(result.summary());
            summary.setWrapText(true);
            VBox check = new VBox(3, title, summary);
            check.setId("verify-check-" + result.id());
            for (Evidence evidence : result.evidence()) {
                Label line = new Label("· " + evidence.source() + ": " + evidence.observation());
                line.setWrapText(true);
                line.getStyleClass().add("text-muted");
                check.getChildren().add(line);
            }
            box.getChildren().add(check);
        }
    }

    private static String badge(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case UNVERIFIED -> "COULD NOT VERIFY";
        };
    }
}
