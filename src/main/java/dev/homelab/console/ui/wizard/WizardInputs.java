package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.decommission.DecommissionSettings;
import dev.homelab.console.migration.phase4.GrafanaAdminLogin;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the steps need from the user besides the cluster: secrets typed into masked fields (kept in memory only, in
 * {@link SecretsProvider.Entered}; never shown back, only described) and step settings, validated where they are
 * typed so that a wrong number is named next to its field instead of failing a step later. FX thread only.
 */
final class WizardInputs {

    /** The Phase 5 settings the wizard offers, each with the parser that rejects what the engine would reject. */
    static final Map<String, Function<MigrationSettings, ?>> PHASE_FIVE_SETTINGS = Map.of(
            DecommissionSettings.MIN_HISTORY_HOURS, DecommissionSettings::minimumHistory,
            DecommissionSettings.AFTER_WINDOW_MINUTES, DecommissionSettings::afterWindow);

    private final SecretsProvider.Entered secrets;
    private final Supplier<MigrationEngine> engine;
    /** Bumped whenever a secret is entered, so that the descriptions of what is known refresh. */
    private final IntegerProperty secretsChanged = new SimpleIntegerProperty();
    private final IntegerProperty settingsChanged = new SimpleIntegerProperty();
    private String grafanaAdminSecret;

    WizardInputs(SecretsProvider.Entered secrets, Supplier<MigrationEngine> engine) {
        this.secrets = secrets;
        this.engine = engine;
    }

    SecretsProvider.Entered secrets() {
        return secrets;
    }

    /** Where a secret comes from, without its value: "entered (12 characters)", "from VAR", or "not given". */
    String describeSecret(String key) {
        Optional<String> value = secrets.get(key);
        if (value.isEmpty()) {
            return "not given";
        }
        if (secrets.isEntered(key)) {
            return "entered (" + value.get().length() + " characters)";
        }
        return "from the environment (" + SecretsProvider.ENVIRONMENT_VARIABLES.get(key) + ")";
    }

    /** An empty value forgets what was entered (the environment's value, if any, applies again). */
    void enterSecret(String key, String value) {
        secrets.put(key, value);
        secretsChanged.set(secretsChanged.get() + 1);
    }

    /** Both Pushover values; once both are known the Secret is created from what was typed. */
    void enterPushover(String token, String userKey) {
        secrets.put(SecretsProvider.PUSHOVER_TOKEN, token).put(SecretsProvider.PUSHOVER_USER_KEY, userKey);
        MigrationEngine current = engine.get();
        if (current != null && secrets.isEntered(SecretsProvider.PUSHOVER_TOKEN)
                && secrets.isEntered(SecretsProvider.PUSHOVER_USER_KEY)
                && current.settings().pushoverSecretSource() == MigrationSettings.PushoverSecretSource.ENVIRONMENT) {
            current.updateSettings(current.settings().withPushoverSecretSource(
                    MigrationSettings.PushoverSecretSource.ENTERED));
        }
        secretsChanged.set(secretsChanged.get() + 1);
    }

    void enterGrafanaAdminLogin(GrafanaAdminLogin login) {
        secrets.put(SecretsProvider.GRAFANA_ADMIN_USER, login.user())
                .put(SecretsProvider.GRAFANA_ADMIN_PASSWORD, login.password());
        grafanaAdminSecret = login.secret();
        secretsChanged.set(secretsChanged.get() + 1);
    }

    /** "admin, from Secret grafana/grafana", or empty when no admin login was read. */
    Optional<String> grafanaAdminLogin() {
        return grafanaAdminSecret == null ? Optional.empty() : secrets.get(SecretsProvider.GRAFANA_ADMIN_USER)
                .map(user -> user + ", read from Secret " + grafanaAdminSecret);
    }

    ReadOnlyIntegerProperty secretsChanged() {
        return secretsChanged;
    }

    ReadOnlyIntegerProperty settingsChanged() {
        return settingsChanged;
    }

    /** The setting as the engine has it (journaled), or "" for the default. */
    String setting(String key) {
        MigrationEngine current = engine.get();
        return current == null ? "" : current.settings().extra(key).orElse("");
    }

    /**
     * Validates {@code text} with the same parser the step uses and keeps it for the steps to come (journaled with
     * the next step). Blank means the default.
     *
     * @return the error to show next to the field, empty when the value was taken
     */
    Optional<String> enterSetting(String key, String text) {
        MigrationEngine current = engine.get();
        if (current == null) {
            return Optional.of("The migration journal is still loading; try again in a moment.");
        }
        String value = text == null ? "" : text.trim();
        MigrationSettings candidate = current.settings().withExtra(key, value.isEmpty() ? null : value);
        try {
            Function<MigrationSettings, ?> parser = PHASE_FIVE_SETTINGS.get(key);
            if (parser != null) {
                parser.apply(candidate);
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        current.updateSettings(candidate);
        settingsChanged.set(settingsChanged.get() + 1);
        return Optional.empty();
    }

    /** "vector=https://mirror.lan/vector": a mirror for one Helm repository, journaled with the settings. */
    Optional<String> enterRepositoryMirror(String assignment) {
        MigrationEngine current = engine.get();
        int eq = assignment == null ? -1 : assignment.indexOf('=');
        if (current == null || eq <= 0 || assignment.substring(eq + 1).isBlank()) {
            return Optional.of("Write the mirror as NAME=URL, e.g. vector=https://mirror.lan/vector");
        }
        current.updateSettings(current.settings().withExtra("repo." + assignment.substring(0, eq).trim(),
                assignment.substring(eq + 1).trim()));
        settingsChanged.set(settingsChanged.get() + 1);
        return Optional.empty();
    }

    void enterS3(String endpoint, String accessKey, String secretKey) {
        MigrationEngine current = engine.get();
        if (current != null && endpoint != null && !endpoint.isBlank()) {
            current.updateSettings(current.settings().withS3Endpoint(endpoint.trim()));
        }
        secrets.put(SecretsProvider.S3_ACCESS_KEY, accessKey).put(SecretsProvider.S3_SECRET_KEY, secretKey);
        secretsChanged.set(secretsChanged.get() + 1);
    }
}
