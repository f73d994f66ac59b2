package dev.homelab.console.cli.migrate;

import dev.homelab.console.app.Connector;
import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.migration.InterruptedStep;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.registry.StepRegistry;
import dev.homelab.console.task.Progress;

import java.io.PrintStream;
import java.util.List;

/**
 * A connected cluster with its migration engine, for one CLI command. Steps a crashed console left running are
 * re-checked at once (done, or failed for retry/undo) and reported on stderr.
 */
final class MigrateSession implements AutoCloseable {

    /** How commands connect; tests replace it to use the mock server. */
    interface Opener {
        Connector.Connected open(ConnectionOptions options) throws ConnectionFailedException;
    }

    static Opener opener = CliSupport::connect;

    /** Where the secrets' environment variables are read; tests give their own values. */
    static java.util.function.Function<String, String> environment = System::getenv;

    final Connector.Connected connected;
    final MigrationEngine engine;
    final Progress progress;

    private MigrateSession(Connector.Connected connected, MigrationEngine engine, Progress progress) {
        this.connected = connected;
        this.engine = engine;
        this.progress = progress;
    }

    static MigrateSession open(ConnectionOptions options, MigrationOptions migrationOptions)
            throws ConnectionFailedException {
        Connector.Connected connected = opener.open(options);
        try {
            MigrationEngine engine = MigrationEngine.open(connected.context(), StepRegistry.standard(),
                    SecretsProvider.fromLookup(environment));
            if (migrationOptions != null) {
                engine.updateSettings(migrationOptions.applyTo(engine.settings()));
            }
            Progress progress = CliSupport.progress(options);
            List<InterruptedStep> resumed = engine.resume(progress);
            PrintStream err = System.err;
            for (InterruptedStep step : resumed) {
                err.println("homelab-console: step " + step.stepId() + " was interrupted (started " + step.startedAt()
                        + " by " + step.startedBy() + "); it is now " + step.nowState().label()
                        + (step.nowState().name().equals("FAILED") ? " — retry it with migrate apply --step "
                        + step.stepId() + ", or undo it with migrate undo --step " + step.stepId() : ""));
            }
            return new MigrateSession(connected, engine, progress);
        } catch (RuntimeException e) {
            connected.close();
            throw e;
        }
    }

    @Override
    public void close() {
        connected.close();
    }
}
