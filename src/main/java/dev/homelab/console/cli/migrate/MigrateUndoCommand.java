package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliFailure;
import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.cli.OutputFormat;
import dev.homelab.console.migration.FailureCleanup;
import dev.homelab.console.migration.LockHeldException;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code migrate undo --step ID [--yes] [--rollback]}: reverses a step after saying what that removes. */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Undo a step (after confirmation). With --rollback, a failed step's Helm releases go back to "
                + "their previous revision instead.")
public final class MigrateUndoCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();

    @Option(names = "--step", paramLabel = "ID", required = true, description = "the step to undo")
    String step;

    @Option(names = "--yes", description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--rollback", description = "for a failed step: roll its Helm releases back instead of undoing")
    boolean rollback;

    /** JSON shape of {@code migrate undo --output json}. */
    record UndoReport(String stepId, String action, StepRecord record) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (MigrateSession session = MigrateSession.open(options, null)) {
                MigrationStep target = session.engine.migration().step(step).orElseThrow(() -> new CliFailure(
                        ExitCodes.USAGE, "There is no step \"" + step + "\"; steps: " + session.engine.migration()
                        .steps().stream().map(MigrationStep::id).toList()));
                StepRecord before = session.engine.record(step);
                if (rollback && before.state() != StepState.FAILED) {
                    throw new CliFailure(ExitCodes.USAGE, "--rollback is for a failed step; " + step + " is "
                            + before.state().label());
                }
                String action = rollback ? "Roll back the Helm releases of " + step + " to their previous revisions"
                        : target.undoDescription();
                (options.output == OutputFormat.json ? System.err : System.out).println(action);
                if (!yes) {
                    Confirmation.require((rollback ? "Roll back " : "Undo ") + step + " on "
                            + session.engine.console().cluster().identity().contextName() + "?");
                }
                try {
                    if (rollback) {
                        session.engine.cleanUpFailure(step, FailureCleanup.ROLLBACK, session.progress);
                    } else {
                        session.engine.undo(step, session.progress);
                    }
                } catch (StepFailedException | LockHeldException e) {
                    throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage());
                }
                StepRecord after = session.engine.record(step);
                CliSupport.print(options, new UndoReport(step, rollback ? "rollback" : "undo", after),
                        step + ": " + after.state().label());
                return ExitCodes.OK;
            }
        });
    }
}
