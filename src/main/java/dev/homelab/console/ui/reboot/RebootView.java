package dev.homelab.console.ui.reboot;

import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.Refusal;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The reboot-test page, built in code: node choice and plan, the confirm countdown, live timeline, verdicts. */
final class RebootView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final RebootViewModel model;
    private final VBox root = new VBox(10);

    RebootView(RebootViewModel model) {
        this.model = model;
        build();
    }

    Node root() {
        return root;
    }

    private void build() {
        root.setPadding(new Insets(16));
        Label heading = new Label("Reboot test");
        heading.getStyleClass().add("title-2");
        Label intro = new Label("Reboot one node and prove that metrics and logs were buffered, nothing was lost, "
                + "and the node recovered. Nothing is drained; the node is cordoned during the test if you choose.");
        intro.setWrapText(true);

        ComboBox<String> node = new ComboBox<>(model.nodes());
        node.setId("reboot-node");
        node.valueProperty().bindBidirectional(model.nodeProperty());
        node.valueProperty().addListener((o, was, now) -> {
            if (now != null && was != null && !now.equals(was)) {
                model.refreshPlan();
            }
        });
        CheckBox cordon = new CheckBox("Cordon during the test");
        cordon.selectedProperty().bindBidirectional(model.cordonProperty());
        CheckBox accept = new CheckBox("Accept downtime of single-copy workloads");
        accept.setId("reboot-accept-downtime");
        accept.selectedProperty().bindBidirectional(model.acceptDowntimeProperty());
        accept.selectedProperty().addListener((o, was, now) -> model.refreshPlan());
        Button check = new Button("Check plan");
        check.setId("reboot-check");
        check.setOnAction(e -> model.refreshPlan());
        HBox choice = new HBox(10, new Label("Node"), node, cordon, accept, check);

        VBox planBox = new VBox(4);
        planBox.setId("reboot-plan");
        model.planProperty().addListener((o, was, plan) -> showPlan(planBox, plan));

        Button start = new Button("Start reboot test");
        start.setId("reboot-start");
        start.getStyleClass().add("danger");
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> model.planProperty().get() == null
                        || !model.planProperty().get().allowed()
                        || model.phaseProperty().get() != RebootViewModel.Phase.IDLE
                        && model.phaseProperty().get() != RebootViewModel.Phase.DONE,
                model.planProperty(), model.phaseProperty()));
        start.setOnAction(e -> {
            if (model.phaseProperty().get() == RebootViewModel.Phase.DONE) {
                model.phaseProperty().set(RebootViewModel.Phase.IDLE);
            }
            model.confirm();
        });
        Button cancel = new Button("Cancel");
        cancel.setId("reboot-cancel");
        cancel.visibleProperty().bind(model.phaseProperty().isEqualTo(RebootViewModel.Phase.CONFIRMING)
                .or(model.phaseProperty().isEqualTo(RebootViewModel.Phase.RUNNING)));
        cancel.setOnAction(e -> model.cancel());
        Label countdown = new Label();
        countdown.setId("reboot-countdown");
        countdown.textProperty().bind(Bindings.createStringBinding(() ->
                        model.phaseProperty().get() == RebootViewModel.Phase.CONFIRMING
                                ? "Rebooting " + model.nodeProperty().get() + " in " + model.countdownProperty().get()
                                + " s — cancel now to stop" : "",
                model.phaseProperty(), model.countdownProperty(), model.nodeProperty()));
        Label queue = new Label();
        queue.setId("reboot-queue");
        queue.textProperty().bind(model.queueProperty());
        HBox actions = new HBox(10, start, cancel, countdown, queue);

        ListView<TimelineEvent> timeline = new ListView<>(model.timeline());
        timeline.setId("reboot-timeline");
        timeline.setPrefHeight(220);
        timeline.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineEvent event, boolean empty) {
                super.updateItem(event, empty);
                setText(empty || event == null ? null : TIME.format(event.at()) + "  "
                        + (event.sinceRequest() == null ? "" : "+" + event.sinceRequest().toSeconds() + " s  ")
                        + event.milestone().title() + (event.detail().isEmpty() ? "" : " — " + event.detail()));
            }
        });

        VBox verdicts = new VBox(6);
        verdicts.setId("reboot-verdicts");
        model.claims().addListener((javafx.collections.ListChangeListener<CheckResult>) change ->
                showVerdicts(verdicts));
        Label message = new Label();
        message.setId("reboot-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        VBox content = new VBox(10, heading, intro, choice, planBox, actions, new Label("Timeline"), timeline,
                new Label("Verdicts"), verdicts, message);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.getChildren().add(scroll);
    }

    private static void showPlan(VBox box, RebootPlan plan) {
        box.getChildren().clear();
        if (plan == null) {
            return;
        }
        if (plan.proposedNode() != null) {
            box.getChildren().add(wrapped("Proposed: " + plan.proposalReason()));
        }
        plan.meaning().forEach(line -> box.getChildren().add(wrapped("• " + line)));
        if (!plan.unreplicated().isEmpty()) {
            box.getChildren().add(wrapped("Unavailable while " + plan.node() + " is down: " + String.join(", ",
                    plan.unreplicated().stream().map(w -> w.display()).toList())));
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            box.getChildren().add(wrapped((i + 1) + ". " + plan.steps().get(i)));
        }
        for (Refusal refusal : plan.refusals()) {
            Label label = wrapped("Refused: " + refusal.message());
            label.getStyleClass().add("danger");
            box.getChildren().add(label);
        }
    }

    private void showVerdicts(VBox box) {
        box.getChildren().clear();
        for (CheckResult claim : model.claims()) {
            Label label = wrapped(badge(claim.verdict()) + "  " + claim.title() + " — " + claim.summary());
            label.getStyleClass().add(claim.verdict() == Verdict.PASSED ? "success"
                    : claim.verdict() == Verdict.FAILED ? "danger" : "warning");
            box.getChildren().add(label);
        }
    }

    static String badge(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case UNVERIFIED -> "COULD NOT VERIFY";
        };
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
