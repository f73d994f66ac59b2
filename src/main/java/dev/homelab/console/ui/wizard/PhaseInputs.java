package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepState;
import dev.homelab.console.migration.decommission.DecommissionGate;
import dev.homelab.console.migration.decommission.DecommissionSettings;
import dev.homelab.console.sandbox.grafana.GrafanaSimulation;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Map;
import java.util.Optional;

/**
 * What the selected step's phase needs from the user, next to the step: MinIO keys and repository mirrors (Phase 1),
 * the Pushover token and user key (Phase 2), a Grafana service-account token (Phase 4), the decommission gate's
 * history minimum and the resource-drop window (Phase 5). Secrets go into masked fields and stay in memory; what is
 * known is described (source and length), never shown. A setting the steps would reject is named next to its field.
 */
final class PhaseInputs extends VBox {

    private final WizardViewModel model;
    private final WizardInputs inputs;
    private final Map<Integer, TitledPane> panes;

    PhaseInputs(WizardViewModel model) {
        this.model = model;
        this.inputs = model.inputs();
        this.panes = Map.of(1, pane(1, "Phase 1 settings: MinIO endpoint and keys, Helm repository mirrors",
                        phaseOne(), false),
                2, pane(2, "Phase 2 needs: the Pushover token and user key", pushover(), true),
                4, pane(4, "Phase 4 needs: a Grafana service-account token", grafana(), true),
                5, pane(5, "Phase 5 settings: history minimum and resource-drop window", phaseFive(), true));
        setId("phase-inputs");
        setSpacing(6);
        model.selected().addListener((obs, old, step) -> show(step));
        // when a run finishes the phase, its inputs fold away so that the evidence is in view
        model.busy().addListener((obs, was, busy) -> {
            if (!busy && !getChildren().isEmpty() && model.selected().get() != null) {
                foldWhenDone((TitledPane) getChildren().get(0), model.selected().get().phase());
            }
        });
        show(model.selected().get());
    }

    private void show(MigrationStep step) {
        getChildren().clear();
        if (step != null && panes.containsKey(step.phase())) {
            TitledPane pane = panes.get(step.phase());
            if (step.phase() != 1) {
                pane.setExpanded(true);
                foldWhenDone(pane, step.phase());
            }
            getChildren().add(pane);
        }
    }

    private void foldWhenDone(TitledPane pane, int phase) {
        model.phases().stream().filter(p -> p.number() == phase).findFirst()
                .filter(p -> model.phaseState(p) == StepState.DONE).ifPresent(p -> pane.setExpanded(false));
    }

    private static TitledPane pane(int phase, String title, Node content, boolean expanded) {
        TitledPane pane = new TitledPane(title, content);
        pane.setId("phase-" + phase + "-inputs");
        pane.setExpanded(expanded);
        pane.setMinWidth(0);
        return pane;
    }

    private Node phaseOne() {
        TextField endpoint = new TextField();
        endpoint.setPromptText("minio.minio.svc:9000 or http://192.168.1.20:9000");
        endpoint.setPrefColumnCount(18);
        PasswordField accessKey = secretField("s3-access-key", "access key");
        PasswordField secretKey = secretField("s3-secret-key", "secret key");
        Label known = describe(SecretsProvider.S3_ACCESS_KEY, "Access key", SecretsProvider.S3_SECRET_KEY,
                "secret key");
        Button use = new Button("Use for this session");
        use.setOnAction(e -> inputs.enterS3(endpoint.getText(), accessKey.getText(), secretKey.getText()));
        TextField mirror = new TextField();
        mirror.setId("repository-mirror");
        mirror.setPromptText("NAME=URL, e.g. vector=https://mirror.lan/vector");
        mirror.setPrefColumnCount(30);
        Label mirrorError = fieldError("repository-mirror-error");
        Button useMirror = new Button("Use mirror");
        useMirror.setOnAction(e -> show(mirrorError, inputs.enterRepositoryMirror(mirror.getText())));
        return new VBox(6, note("Only needed when Loki's release does not tell where MinIO is or which keys it uses. "
                + "Keys stay in memory; nothing is saved."), row(endpoint, accessKey, secretKey, use), known,
                note("A Helm repository this computer cannot reach can be replaced by a mirror:"),
                row(mirror, useMirror), mirrorError);
    }

    private Node pushover() {
        PasswordField token = secretField("pushover-token", "application API token");
        PasswordField userKey = secretField("pushover-user-key", "user key");
        Button use = new Button("Use for this session");
        use.setId("use-pushover");
        use.setOnAction(e -> inputs.enterPushover(token.getText(), userKey.getText()));
        token.setOnAction(e -> use.fire());
        userKey.setOnAction(e -> use.fire());
        Label known = describe(SecretsProvider.PUSHOVER_TOKEN, "Token", SecretsProvider.PUSHOVER_USER_KEY,
                "user key");
        known.setId("pushover-state");
        VBox box = new VBox(6, note("Alertmanager sends alerts to Pushover with these. They stay in this console's "
                + "memory and go only into the Kubernetes Secret of the step \"Store the Pushover token and user key\"."
                + " Find them at pushover.net: the user key on your dashboard, the token under Your Applications."),
                row(token, userKey, use), known);
        if (model.sandbox()) {
            box.getChildren().add(hint("pushover-sandbox-hint", "Sandbox: its Pushover is simulated and accepts any "
                    + "token and user key — type any test values."));
        }
        return box;
    }

    private Node grafana() {
        PasswordField token = secretField("grafana-token", "service-account token (glsa_…)");
        token.setPrefColumnCount(20);
        Button use = new Button("Use for this session");
        use.setId("use-grafana-token");
        use.setOnAction(e -> inputs.enterSecret(SecretsProvider.GRAFANA_TOKEN, token.getText()));
        token.setOnAction(e -> use.fire());
        Label known = new Label();
        known.setId("grafana-token-state");
        known.textProperty().bind(Bindings.createStringBinding(() -> "Token: "
                + inputs.describeSecret(SecretsProvider.GRAFANA_TOKEN) + inputs.grafanaAdminLogin()
                .map(login -> " · Admin login: " + login).orElse(""), inputs.secretsChanged()));
        Button admin = new Button("Read Grafana's admin login from its Secret");
        admin.setId("use-grafana-admin");
        admin.disableProperty().bind(model.busy());
        admin.setOnAction(e -> model.useGrafanaAdminLogin());
        VBox box = new VBox(6, note("Grafana's datasource health API proves the new datasources answer; when Grafana "
                + "runs no datasource sidecar, the datasources are also written through its API. Create the token "
                + "in Grafana: Administration → Users and access → Service accounts → Add service account (role "
                + "Admin) → Add service account token. It stays in memory only."), row(token, use),
                note("Or, if your Kubernetes account may read Secrets in Grafana's namespace, use the admin login the "
                        + "Grafana chart stored there (valid as long as nobody changed the admin password in "
                        + "Grafana; a token wins when both are given):"), row(admin), known);
        if (model.sandbox()) {
            box.getChildren().add(hint("grafana-sandbox-hint", "Sandbox: its Grafana accepts the token "
                    + GrafanaSimulation.TOKEN + " — or read its admin login from its Secret"));
        }
        return box;
    }

    private Node phaseFive() {
        TextField hours = settingField("min-history-hours", DecommissionSettings.MIN_HISTORY_HOURS,
                DecommissionGate.DEFAULT_MINIMUM_HISTORY.toHours() + " (default)");
        Label hoursError = fieldError("min-history-error");
        TextField minutes = settingField("after-window-minutes", DecommissionSettings.AFTER_WINDOW_MINUTES,
                DecommissionSettings.DEFAULT_AFTER_WINDOW.toMinutes() + " (default)");
        Label minutesError = fieldError("after-window-error");
        Runnable enter = () -> {
            show(hoursError, inputs.enterSetting(DecommissionSettings.MIN_HISTORY_HOURS, hours.getText()));
            show(minutesError, inputs.enterSetting(DecommissionSettings.AFTER_WINDOW_MINUTES, minutes.getText()));
        };
        Button use = new Button("Use these settings");
        use.setId("use-phase5-settings");
        use.setOnAction(e -> enter.run());
        hours.setOnAction(e -> enter.run());
        minutes.setOnAction(e -> enter.run());
        Label saved = note("");
        saved.setId("phase5-settings-state");
        saved.textProperty().bind(Bindings.createStringBinding(() -> "In use: " + effective(
                DecommissionSettings.MIN_HISTORY_HOURS, "h", DecommissionGate.DEFAULT_MINIMUM_HISTORY.toHours())
                + " of history, " + effective(DecommissionSettings.AFTER_WINDOW_MINUTES, "min",
                DecommissionSettings.DEFAULT_AFTER_WINDOW.toMinutes()) + " after window (journaled when the next step runs)",
                inputs.settingsChanged(), model.engine()));
        return new VBox(6, note("The old stack is removed only after VictoriaMetrics has held data this long, so a "
                + "problem with the new stack shows before its predecessor is gone. After the removal, the resource "
                + "drop is measured over this window of the console's own usage samples. Lower both only for a "
                + "rehearsal."),
                row(fieldLabel("Minimum history in VictoriaMetrics (hours)"), hours), hoursError,
                row(fieldLabel("Resource-drop \"after\" window (minutes)"), minutes), minutesError,
                row(use), saved);
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.setPrefWidth(300);
        return label;
    }

    private String effective(String key, String unit, long defaultValue) {
        String value = inputs.setting(key);
        return value.isEmpty() ? defaultValue + " " + unit + " (default)" : value + " " + unit;
    }

    private TextField settingField(String id, String key, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(8);
        field.setText(inputs.setting(key));
        model.engine().addListener((obs, old, engine) -> field.setText(inputs.setting(key)));
        return field;
    }

    private static void show(Label error, Optional<String> message) {
        error.setText(message.orElse(""));
        error.setVisible(message.isPresent());
        error.setManaged(message.isPresent());
    }

    private static Label fieldError(String id) {
        Label error = new Label();
        error.setId(id);
        error.setWrapText(true);
        error.getStyleClass().add("status-bad");
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.setVisible(false);
        error.setManaged(false);
        error.setMinHeight(Region.USE_PREF_SIZE);
        return error;
    }

    private Label describe(String firstKey, String first, String secondKey, String second) {
        Label known = new Label();
        known.textProperty().bind(Bindings.createStringBinding(() -> first + ": " + inputs.describeSecret(firstKey)
                + " · " + second + ": " + inputs.describeSecret(secondKey), inputs.secretsChanged()));
        return known;
    }

    private static PasswordField secretField(String id, String prompt) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(12);
        return field;
    }

    private static Label note(String text) {
        Label note = new Label(text);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        return note;
    }

    private static Label hint(String id, String text) {
        Label hint = note(text);
        hint.setId(id);
        hint.setPadding(new Insets(4, 8, 4, 8));
        hint.setStyle("-fx-background-color: -color-accent-subtle; -fx-background-radius: 4;");
        return hint;
    }

    private static HBox row(Node... nodes) {
        for (Node node : nodes) {
            if (node instanceof Button button) {
                button.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        HBox row = new HBox(6, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
