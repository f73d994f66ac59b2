package dev.homelab.console.migration.phase4;

import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.values.ValuesTree;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Grafana's admin login as its chart stored it: the Secret named by {@code admin.existingSecret} (keys
 * {@code admin.userKey} / {@code admin.passwordKey}), else the release's own Secret (labelled with the release,
 * keys {@code admin-user} / {@code admin-password}). An alternative to a service-account token for users who may
 * read Secrets in Grafana's namespace. Read only when the user asks; the password stays in memory.
 *
 * @param secret where it was read, "namespace/name", for the user to see
 */
public record GrafanaAdminLogin(String user, String password, String secret) {

    static final String USER_KEY = "admin-user";
    static final String PASSWORD_KEY = "admin-password";

    @Override
    public String toString() {
        return "Grafana admin login " + user + " from Secret " + secret;
    }

    /** @throws IllegalStateException with what was missing or refused, and what to do instead */
    public static GrafanaAdminLogin read(StepContext context) {
        GrafanaTarget grafana = GrafanaTarget.find(context).orElseThrow(() -> new IllegalStateException(
                "No Grafana release was found, so there is no admin Secret to read."));
        Map<String, Object> values = grafanaValues(grafana);
        Optional<String> existing = ValuesTree.getString(values, "admin.existingSecret").filter(s -> !s.isBlank());
        String userKey = existing.isEmpty() ? USER_KEY : ValuesTree.getString(values, "admin.userKey").orElse(USER_KEY);
        String passwordKey = existing.isEmpty() ? PASSWORD_KEY
                : ValuesTree.getString(values, "admin.passwordKey").orElse(PASSWORD_KEY);
        String namespace = grafana.namespace();
        try {
            Secret secret = existing.map(name -> context.kube().secrets().inNamespace(namespace).withName(name).get())
                    .orElseGet(() -> context.kube().secrets().inNamespace(namespace)
                            .withLabel("app.kubernetes.io/name", "grafana").list().getItems().stream()
                            .filter(s -> grafana.release().name().equals(s.getMetadata().getLabels()
                                    .get("app.kubernetes.io/instance")))
                            .filter(s -> s.getData() != null && s.getData().containsKey(passwordKey))
                            .findFirst().orElse(null));
            if (secret == null) {
                throw new IllegalStateException("Grafana's admin Secret " + existing.map(n -> namespace + "/" + n)
                        .orElse("of release " + namespace + "/" + grafana.release().name()) + " was not found. "
                        + "Enter a service-account token instead.");
            }
            String where = namespace + "/" + secret.getMetadata().getName();
            String user = decode(secret, userKey).orElse("admin");
            String password = decode(secret, passwordKey).orElseThrow(() -> new IllegalStateException("Secret "
                    + where + " has no key '" + passwordKey + "'. Enter a service-account token instead."));
            return new GrafanaAdminLogin(user, password, where);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                throw new IllegalStateException("Your Kubernetes account may not read Secrets in namespace "
                        + namespace + ", so Grafana's admin login cannot be read. Enter a service-account token "
                        + "instead.", e);
            }
            throw new IllegalStateException("Could not read Grafana's admin Secret in " + namespace + ": "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> grafanaValues(GrafanaTarget grafana) {
        if (!grafana.partOfKubePrometheusStack()) {
            return grafana.release().values();
        }
        return (Map<String, Object>) ValuesTree.get(grafana.release().values(), "grafana").filter(Map.class::isInstance)
                .orElse(Map.of());
    }

    private static Optional<String> decode(Secret secret, String key) {
        return Optional.ofNullable(secret.getData() == null ? null : secret.getData().get(key))
                .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                .filter(value -> !value.isEmpty());
    }
}
