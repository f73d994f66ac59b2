package dev.homelab.console.ui.connect;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Settings;
import dev.homelab.console.sandbox.SandboxPrestart;
import dev.homelab.console.ui.common.BackgroundTasks;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first screen: pick a kubeconfig context and connect, or rehearse on the simulated home lab (offered first
 * when there is no kubeconfig). Shows progress with cancel while connecting, the problem with its fix when that
 * fails, and the connection report with the permission checklist when something needs the user's attention.
 */
public final class ConnectScreen {

    private final ConnectViewModel model;
    private final VBox column = new VBox(16);
    private final Node kubeconfigCard;
    private final Node rehearseCard;
    private final VBox activity = new VBox(6);
    private final ProblemView problemView = new ProblemView();
    private final VBox reviewBox = new VBox(12);
    private final Node header = header();
    private ConnectedCluster shownReview;
    private final ScrollPane root;
    private final FilePicker filePicker;

    public ConnectScreen(AppDirs dirs, Settings settings, BackgroundTasks tasks, FilePicker filePicker,
                         Consumer<ConnectedCluster> onConnected) {
        this.filePicker = filePicker;
        this.model = new ConnectViewModel(settings, tasks, new ConnectFlow(dirs, settings), onConnected);
        kubeconfigCard = kubeconfigCard();
        rehearseCard = rehearseCard();
        buildActivity();
        reviewBox.setId("connect-review");

        column.setId("connect-screen");
        column.getStyleClass().add("connect-screen");
        column.setMaxWidth(920);
        column.setPadding(new Insets(32, 32, 32, 32));
        StackPane centred = new StackPane(column);
        centred.setAlignment(Pos.TOP_CENTER);
        root = new ScrollPane(centred);
        root.setFitToWidth(true);
        root.getStyleClass().add(Tweaks.EDGE_TO_EDGE);

        model.kubeconfigMissingProperty().addListener((obs, old, missing) -> layoutCards());
        model.problemProperty().addListener((obs, old, problem) -> layoutCards());
        model.reviewProperty().addListener((obs, old, review) -> layoutCards());
        model.connectingProperty().addListener((obs, old, handle) -> layoutCards());
        layoutCards();
    }

    public Node view() {
        return root;
    }

    /** Re-reads kubeconfig (at start and after disconnecting). */
    public void reload() {
        model.reload();
    }

    /** Starts the simulated home lab at once (the {@code --sandbox} start). */
    public void rehearse(Optional<Path> scenario) {
        model.rehearse(scenario);
    }

    /** A lab started ahead (the {@code --sandbox} start): the rehearsal takes it instead of starting another. */
    public void usePreparedSandbox(SandboxPrestart prestart) {
        model.usePreparedSandbox(prestart);
    }

    /** Stops background work of this screen that nobody took over (the app quits). */
    public void close() {
        model.close();
    }

    /** Shows the cards the state asks for; cards that stay are not detached (no flicker, no lost focus). */
    private void layoutCards() {
        List<Node> cards = new ArrayList<>();
        cards.add(header);
        if (model.connectingProperty().get() != null) {
            cards.add(activity);
        }
        if (model.problemProperty().get() != null) {
            problemView.show(model.problemProperty().get());
            cards.add(problemView);
        }
        ConnectedCluster review = model.reviewProperty().get();
        if (review != null) {
            showReview(review);
            cards.add(reviewBox);
        } else if (model.kubeconfigMissingProperty().get()) {
            cards.addAll(List.of(rehearseCard, kubeconfigCard));
            rehearseCard.getStyleClass().add("recommended");
        } else {
            cards.addAll(List.of(kubeconfigCard, rehearseCard));
            rehearseCard.getStyleClass().remove("recommended");
        }
        if (!column.getChildren().equals(cards)) {
            column.getChildren().setAll(cards);
        }
    }

    private static Node header() {
        Label title = new Label("Connect to your home lab");
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label("Homelab Console reads your kubeconfig the way kubectl does. Nothing on the "
                + "cluster changes until you have seen and confirmed a plan.");
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("page-subtitle");
        VBox header = new VBox(6, title, subtitle);
        header.getStyleClass().add("page-header");
        return header;
    }

    private Node kubeconfigCard() {
        Label title = new Label("Kubeconfig", new FontIcon(Feather.KEY));
        title.getStyleClass().add(Styles.TITLE_3);
        Label source = new Label();
        source.setId("kubeconfig-source");
        source.textProperty().bind(Bindings.createStringBinding(() -> model.loadingProperty().get()
                ? "Reading kubeconfig…" : model.sourceProperty().get(), model.sourceProperty(), model.loadingProperty()));
        source.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        source.setWrapText(true);

        Button choose = new Button("Choose file…", new FontIcon(Feather.FOLDER));
        choose.setId("choose-kubeconfig");
        choose.setOnAction(event -> chooseFile(choose));
        Button useDefault = new Button("Use default");
        useDefault.setId("use-default-kubeconfig");
        useDefault.getStyleClass().add(Styles.FLAT);
        useDefault.setOnAction(event -> model.useDefaultKubeconfig());
        model.sourceProperty().addListener((obs, old, now) -> useDefault.setVisible(model.usesChosenFile()));
        useDefault.setVisible(model.usesChosenFile());

        HBox heading = new HBox(10, title, new Spacer(), useDefault, choose);
        heading.setAlignment(Pos.CENTER_LEFT);

        ContextTable table = new ContextTable(model.contexts(), model::connect);
        model.selectedProperty().addListener((obs, old, entry) -> {
            if (entry != null && table.getSelectionModel().getSelectedItem() != entry) {
                table.getSelectionModel().select(entry);
                table.scrollTo(entry);
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, entry) -> {
            if (entry != null) {
                model.selectedProperty().set(entry);
            }
        });

        Button connect = new Button("Connect", new FontIcon(Feather.LOG_IN));
        connect.setId("connect-button");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.selectedProperty().isNull().or(model.connectingProperty().isNotNull()));
        connect.setOnAction(event -> model.connect());
        Label hint = new Label("Connecting reads the server version, nodes and your permissions; it changes nothing.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        HBox actions = new HBox(12, hint, new Spacer(), connect);
        HBox.setHgrow(hint, Priority.SOMETIMES);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(10, heading, source, table, actions);
        card.setId("kubeconfig-card");
        card.getStyleClass().add("card-box");
        return card;
    }

    private Node rehearseCard() {
        FontIcon icon = new FontIcon(Feather.PLAY_CIRCLE);
        icon.getStyleClass().add("rehearse-icon");
        Label title = new Label("Rehearse on a simulated home lab");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("A k3s lab of one server and three Raspberry Pi 5 agents (arm64) running "
                + "kube-prometheus-stack, Alloy, Loki, Grafana and MinIO, served by a built-in Kubernetes API. "
                + "Try every step of the migration safely; nothing leaves this machine.");
        text.setWrapText(true);
        Button start = new Button("Start the sandbox", new FontIcon(Feather.PLAY));
        start.setId("rehearse-button");
        start.getStyleClass().add(Styles.SUCCESS);
        start.disableProperty().bind(model.connectingProperty().isNotNull());
        start.setOnAction(event -> model.rehearse(Optional.empty()));
        Button scenario = new Button("Scenario file…", new FontIcon(Feather.FILE_TEXT));
        scenario.setId("rehearse-scenario-button");
        scenario.getStyleClass().add(Styles.FLAT);
        scenario.disableProperty().bind(model.connectingProperty().isNotNull());
        scenario.setOnAction(event -> chooseScenario(scenario));
        HBox actions = new HBox(10, start, scenario);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox body = new VBox(8, title, text, actions);
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox card = new HBox(16, icon, body);
        card.setId("rehearse-card");
        card.getStyleClass().addAll("card-box", "rehearse-card");
        return card;
    }

    private void buildActivity() {
        activity.setId("connect-activity");
        activity.getStyleClass().add("card-box");
        Label title = new Label();
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label message = new Label();
        message.setId("connect-progress-message");
        message.getStyleClass().add(Styles.TEXT_MUTED);
        ProgressBar bar = new ProgressBar();
        bar.setMaxWidth(Double.MAX_VALUE);
        Button cancel = new Button("Cancel", new FontIcon(Feather.X));
        cancel.setId("connect-cancel");
        cancel.setOnAction(event -> model.cancel());
        HBox row = new HBox(12, bar, cancel);
        HBox.setHgrow(bar, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        activity.getChildren().addAll(title, row, message);
        model.connectingProperty().addListener((obs, old, handle) -> {
            message.textProperty().unbind();
            bar.progressProperty().unbind();
            if (handle != null) {
                title.setText(handle.title() + "…");
                message.textProperty().bind(handle.messageProperty());
                bar.progressProperty().bind(handle.fractionProperty());
            }
        });
    }

    /** Builds the review once per connection: re-layouts (the connecting spinner going away) keep its nodes. */
    private void showReview(ConnectedCluster review) {
        if (review == shownReview) {
            return;
        }
        shownReview = review;
        Label title = new Label("Connected, with something to look at first");
        title.getStyleClass().add(Styles.TITLE_3);
        Label text = new Label("The cluster answered. Some of what the migration needs is missing or not "
                + "permitted; the checklist says what each item is needed for.");
        text.setWrapText(true);
        Button proceed = new Button("Continue to the overview", new FontIcon(Feather.ARROW_RIGHT));
        proceed.setId("review-continue");
        proceed.getStyleClass().add(Styles.ACCENT);
        proceed.setOnAction(event -> model.continueWithReview());
        Button back = new Button("Choose another cluster");
        back.setId("review-back");
        back.setOnAction(event -> model.abandonReview());
        HBox actions = new HBox(10, proceed, back);
        reviewBox.getChildren().setAll(title, text, new ConnectionSummaryView(review), actions);
    }

    private void chooseFile(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a kubeconfig file");
        File kube = new File(System.getProperty("user.home"), ".kube");
        if (kube.isDirectory()) {
            chooser.setInitialDirectory(kube);
        }
        filePicker.open(chooser, owner.getScene().getWindow()).ifPresent(model::chooseFile);
    }

    private void chooseScenario(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a sandbox scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario YAML", "*.yaml", "*.yml"));
        filePicker.open(chooser, owner.getScene().getWindow()).ifPresent(file -> model.rehearse(Optional.of(file)));
    }
}
