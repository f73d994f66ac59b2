package dev.homelab.console.migration.export;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.gitops.GitOpsExport;
import dev.homelab.console.stack.gitops.TargetState;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the migration's whole target state for Flux / Argo CD users through {@link GitOpsExport}: what every
 * exporting step installs or writes, with the same values its plan shows. Secrets only as templates; the export is
 * refused when any secret value the console knows would end up in a file.
 */
public final class TargetStateExport {

    /** What was written, and what the user must know about it (things the export could not express). */
    public record Result(List<Path> files, List<String> notes) {
    }

    private TargetStateExport() {
    }

    /** @return the files written, relative to {@code folder} */
    public static List<Path> write(MigrationEngine engine, Path folder) throws Exception {
        return export(engine, folder).files();
    }

    public static Result export(MigrationEngine engine, Path folder) throws Exception {
        TargetState state = TargetState.empty();
        Set<String> secretValues = new HashSet<>();
        for (MigrationStep step : engine.migration().steps()) {
            StepContext context = engine.contextFor(step.id());
            secretValues.addAll(context.secrets().knownValues());
            if (step instanceof ExportsTarget exporting) {
                Optional<TargetState> part = exporting.target(context);
                if (part.isEmpty()) {
                    throw new IllegalStateException("The target of \"" + step.id() + "\" cannot be computed yet: "
                            + "run its preflight (migrate plan --step " + step.id() + ") and fix what it reports");
                }
                state = state.plus(part.get());
            }
        }
        return new Result(GitOpsExport.write(folder, state, secretValues), state.notes());
    }
}
