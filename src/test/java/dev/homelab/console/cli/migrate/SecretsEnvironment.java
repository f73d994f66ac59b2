package dev.homelab.console.cli.migrate;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * The environment the migrate commands read their secrets from ({@code ALERTMANAGER_PUSHOVER_TOKEN}, …) during a
 * test, instead of the real one: {@code @RegisterExtension final SecretsEnvironment env = new SecretsEnvironment(…)}.
 */
final class SecretsEnvironment implements BeforeEachCallback, AfterEachCallback {

    private final Map<String, String> variables;

    SecretsEnvironment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        MigrateSession.environment = variables::get;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MigrateSession.environment = System::getenv;
    }
}
