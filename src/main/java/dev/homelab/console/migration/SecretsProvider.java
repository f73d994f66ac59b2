package dev.homelab.console.migration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Secret values a step needs (Pushover token, S3 keys...), from the environment or typed by the user. Values live in
 * memory only: the journal, the plan, logs and local files never see them; they reach the cluster only inside
 * Kubernetes Secrets. Every known value is also masked wherever text is shown ({@link SecretMasker}).
 */
public interface SecretsProvider {

    String PUSHOVER_TOKEN = "pushover.token";
    String PUSHOVER_USER_KEY = "pushover.userKey";
    String S3_ACCESS_KEY = "s3.accessKey";
    String S3_SECRET_KEY = "s3.secretKey";
    String GRAFANA_TOKEN = "grafana.token";
    /** Grafana's admin login, read from the Grafana release's own Secret when the user chooses to. */
    String GRAFANA_ADMIN_USER = "grafana.adminUser";
    String GRAFANA_ADMIN_PASSWORD = "grafana.adminPassword";

    /** Environment variables that feed the keys above. */
    Map<String, String> ENVIRONMENT_VARIABLES = Map.of(
            PUSHOVER_TOKEN, "ALERTMANAGER_PUSHOVER_TOKEN",
            PUSHOVER_USER_KEY, "PUSHOVER_USER_KEY",
            S3_ACCESS_KEY, "HOMELAB_S3_ACCESS_KEY",
            S3_SECRET_KEY, "HOMELAB_S3_SECRET_KEY",
            GRAFANA_TOKEN, "HOMELAB_GRAFANA_TOKEN");

    Optional<String> get(String key);

    /** All values currently known, for masking. */
    Collection<String> knownValues();

    /** The console's environment (see {@link #ENVIRONMENT_VARIABLES}). */
    static SecretsProvider fromEnvironment() {
        return fromLookup(System::getenv);
    }

    static SecretsProvider fromLookup(Function<String, String> environment) {
        return new SecretsProvider() {
            @Override
            public Optional<String> get(String key) {
                String variable = ENVIRONMENT_VARIABLES.get(key);
                return variable == null ? Optional.empty()
                        : Optional.ofNullable(environment.apply(variable)).filter(v -> !v.isBlank());
            }

            @Override
            public Collection<String> knownValues() {
                return ENVIRONMENT_VARIABLES.keySet().stream().map(this::get).flatMap(Optional::stream)
                        .collect(Collectors.toList());
            }
        };
    }

    /** Values typed by the user (masked fields); entered values win over {@code fallback}. */
    static Entered entered(SecretsProvider fallback) {
        return new Entered(fallback);
    }

    /** In-memory secrets typed by the user. */
    final class Entered implements SecretsProvider {
        private final Map<String, String> values = new ConcurrentHashMap<>();
        private final SecretsProvider fallback;

        private Entered(SecretsProvider fallback) {
            this.fallback = Objects.requireNonNull(fallback);
        }

        public Entered put(String key, String value) {
            if (value == null || value.isEmpty()) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        /** True when the user typed this value (rather than it coming from the fallback). */
        public boolean isEntered(String key) {
            return values.containsKey(key);
        }

        @Override
        public Optional<String> get(String key) {
            String value = values.get(key);
            return value != null ? Optional.of(value) : fallback.get(key);
        }

        @Override
        public Collection<String> knownValues() {
            List<String> all = new java.util.ArrayList<>(values.values());
            all.addAll(fallback.knownValues());
            return all;
        }

        @Override
        public String toString() {
            return "entered secrets " + values.keySet();
        }
    }
}
