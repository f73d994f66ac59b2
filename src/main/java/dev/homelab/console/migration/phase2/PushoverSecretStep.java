package dev.homelab.console.migration.phase2;

import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.SecretMasker;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the Secret Alertmanager mounts for Pushover (keys {@code token} and {@code user_key}), from
 * ALERTMANAGER_PUSHOVER_TOKEN / PUSHOVER_USER_KEY or the masked fields. The values go only into the Secret: the plan
 * shows masks, nothing is logged, nothing is written locally. With "existing Secret" as the source, the step only
 * checks that the Secret is there.
 */
public final class PushoverSecretStep implements MigrationStep {

    public static final String ID = "pushover-secret";
    static final String TOKEN_KEY = "token";
    static final String USER_KEY_KEY = "user_key";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String CONSOLE = "homelab-console";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Store the Pushover token and user key in a Kubernetes Secret";
    }

    @Override
    public int phase() {
        return 2;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        MigrationSettings settings = context.settings();
        String where = settings.monitoringNamespace() + "/" + settings.pushoverSecretName();
        if (settings.pushoverSecretSource() == MigrationSettings.PushoverSecretSource.EXISTING_SECRET) {
            Secret secret = existing(context);
            if (secret == null || missingKey(secret).isPresent()) {
                return List.of(PreflightCheck.blocking("pushover-secret-exists", "Existing Pushover Secret",
                        secret == null ? "Secret " + where + " does not exist"
                                : "Secret " + where + " has no key '" + missingKey(secret).get() + "'",
                        "Create it with keys token and user_key, or let the console create it from"
                                + " ALERTMANAGER_PUSHOVER_TOKEN and PUSHOVER_USER_KEY"));
            }
            return List.of(PreflightCheck.ok("pushover-secret-exists", "Existing Pushover Secret",
                    "Secret " + where + " has keys token and user_key"));
        }
        Optional<String> token = context.secrets().get(SecretsProvider.PUSHOVER_TOKEN);
        Optional<String> user = context.secrets().get(SecretsProvider.PUSHOVER_USER_KEY);
        if (token.isEmpty() || user.isEmpty()) {
            return List.of(PreflightCheck.blocking("pushover-credentials-known", "Pushover token and user key",
                    (token.isEmpty() ? "no Pushover application token" : "no Pushover user key") + " is known",
                    "Set ALERTMANAGER_PUSHOVER_TOKEN and PUSHOVER_USER_KEY before starting the console, or enter"
                            + " them in the wizard's masked fields"));
        }
        return List.of(PreflightCheck.ok("pushover-credentials-known", "Pushover token and user key",
                "both are known (" + (settings.pushoverSecretSource() == MigrationSettings.PushoverSecretSource.ENTERED
                        ? "entered" : "from the environment") + "), " + token.get().length() + " and "
                        + user.get().length() + " characters"));
    }

    @Override
    public boolean isDone(StepContext context) {
        Secret secret = existing(context);
        if (secret == null || missingKey(secret).isPresent()) {
            return false;
        }
        if (usesExistingSecret(context)) {
            return true;
        }
        return matches(secret, TOKEN_KEY, context.secrets().get(SecretsProvider.PUSHOVER_TOKEN))
                && matches(secret, USER_KEY_KEY, context.secrets().get(SecretsProvider.PUSHOVER_USER_KEY));
    }

    @Override
    public StepPlan plan(StepContext context) {
        MigrationSettings settings = context.settings();
        if (usesExistingSecret(context)) {
            return StepPlan.nothingToDo(ID, "The existing Secret " + settings.monitoringNamespace() + "/"
                    + settings.pushoverSecretName() + " is used as it is");
        }
        Secret current = existing(context);
        Map<String, Object> planned = content(SecretMasker.MASK, SecretMasker.MASK);
        Map<String, Object> before = current == null ? null : content(
                current.getData().containsKey(TOKEN_KEY) ? SecretMasker.MASK + " (other value)" : "(absent)",
                current.getData().containsKey(USER_KEY_KEY) ? SecretMasker.MASK + " (other value)" : "(absent)");
        return StepPlan.of(ID, (current == null ? "Create" : "Update") + " Secret " + settings.monitoringNamespace()
                        + "/" + settings.pushoverSecretName() + " with the Pushover token and user key",
                List.of(HelmPlans.object(context, "Secret", settings.monitoringNamespace(),
                        settings.pushoverSecretName(), before, planned, "Alertmanager mounts it at /etc/vm/secrets/"
                                + settings.pushoverSecretName() + "/ and reads token_file / user_key_file from it")));
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) {
        if (usesExistingSecret(context)) {
            return;
        }
        MigrationSettings settings = context.settings();
        String namespace = settings.monitoringNamespace();
        String token = context.secrets().get(SecretsProvider.PUSHOVER_TOKEN).orElseThrow(() ->
                new IllegalStateException("The Pushover token is no longer known; enter it again"));
        String user = context.secrets().get(SecretsProvider.PUSHOVER_USER_KEY).orElseThrow(() ->
                new IllegalStateException("The Pushover user key is no longer known; enter it again"));
        if (context.kube().namespaces().withName(namespace).get() == null) {
            progress.log("Creating namespace " + namespace);
            context.kube().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .endMetadata().build()).create();
        }
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(settings.pushoverSecretName()).withNamespace(namespace)
                .addToLabels(MANAGED_BY, CONSOLE).endMetadata()
                .withType("Opaque")
                .addToData(TOKEN_KEY, base64(token))
                .addToData(USER_KEY_KEY, base64(user))
                .build();
        progress.log("Writing Secret " + namespace + "/" + settings.pushoverSecretName() + " (values masked)");
        if (existing(context) == null) {
            context.kube().secrets().inNamespace(namespace).resource(secret).create();
        } else {
            context.kube().secrets().inNamespace(namespace).withName(settings.pushoverSecretName()).edit(s -> {
                s.setData(secret.getData());
                return s;
            });
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        MigrationSettings settings = context.settings();
        String where = settings.monitoringNamespace() + "/" + settings.pushoverSecretName();
        String title = "Secret " + where + " holds the Pushover credentials";
        Secret secret = existing(context);
        if (secret == null) {
            return List.of(CheckResult.failed("pushover-secret", title, "Secret " + where + " does not exist",
                    List.of()));
        }
        Optional<String> missing = missingKey(secret);
        if (missing.isPresent()) {
            return List.of(CheckResult.failed("pushover-secret", title, "Secret " + where + " has no non-empty key '"
                    + missing.get() + "'", List.of(new Evidence("Secret " + where, "keys " + secret.getData().keySet()))));
        }
        Evidence keys = new Evidence("Secret " + where, "keys token (" + decoded(secret, TOKEN_KEY).length()
                + " chars) and user_key (" + decoded(secret, USER_KEY_KEY).length() + " chars)");
        if (!usesExistingSecret(context) && !isDone(context)) {
            return List.of(CheckResult.failed("pushover-secret", title, "Secret " + where + " holds other values than"
                    + " the token and user key the console was given; apply the step again", List.of(keys)));
        }
        return List.of(CheckResult.passed("pushover-secret", title, "Both keys are present"
                + (usesExistingSecret(context) ? "" : " and hold the given values"), List.of(keys)));
    }

    @Override
    public void undo(StepContext context, Progress progress) {
        Secret secret = existing(context);
        if (secret == null) {
            return;
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        if (labels == null || !CONSOLE.equals(labels.get(MANAGED_BY))) {
            progress.log("Secret " + secret.getMetadata().getName() + " was not created by the console; kept");
            return;
        }
        context.kube().secrets().inNamespace(secret.getMetadata().getNamespace())
                .withName(secret.getMetadata().getName()).delete();
    }

    @Override
    public String undoDescription() {
        return "Deletes the Pushover Secret if the console created it (a Secret you made yourself is kept).";
    }

    private static boolean usesExistingSecret(StepContext context) {
        return context.settings().pushoverSecretSource() == MigrationSettings.PushoverSecretSource.EXISTING_SECRET;
    }

    static Secret existing(StepContext context) {
        MigrationSettings settings = context.settings();
        return context.kube().secrets().inNamespace(settings.monitoringNamespace())
                .withName(settings.pushoverSecretName()).get();
    }

    private static Optional<String> missingKey(Secret secret) {
        for (String key : List.of(TOKEN_KEY, USER_KEY_KEY)) {
            if (decoded(secret, key).isBlank()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Secret secret, String key, Optional<String> expected) {
        return expected.isPresent() && expected.get().equals(decoded(secret, key));
    }

    private static String decoded(Secret secret, String key) {
        String value = secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> content(String token, String user) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(TOKEN_KEY, token);
        data.put(USER_KEY_KEY, user);
        return Map.of("type", "Opaque", "data", data);
    }
}
