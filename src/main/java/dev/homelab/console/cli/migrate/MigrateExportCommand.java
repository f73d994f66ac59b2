package dev.homelab.console.cli.migrate;

import dev.homelab.console.cli.CliFailure;
import dev.homelab.console.cli.CliSupport;
import dev.homelab.console.cli.ConnectionOptions;
import dev.homelab.console.cli.ExitCodes;
import dev.homelab.console.migration.LockHeldException;
import dev.homelab.console.migration.export.TargetStateExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code migrate export --out DIR}: the target state for Flux / Argo CD, from the values the steps install. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the target state for GitOps (values, Flux HelmRepository/HelmRelease, Argo CD "
                + "Applications, extra manifests, Secret templates without values, helm commands) to a folder.")
public final class MigrateExportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();
    @Mixin
    MigrationOptions migrationOptions = new MigrationOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write")
    Path out;

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (MigrateSession session = MigrateSession.open(options, migrationOptions)) {
                TargetStateExport.Result result;
                try {
                    result = TargetStateExport.export(session.engine, out);
                } catch (IllegalStateException e) {
                    throw new CliFailure(ExitCodes.CHECK_FAILED, e.getMessage());
                } catch (Exception e) {
                    throw new CliFailure(ExitCodes.OPERATION_FAILED, "Could not export to " + out + ": "
                            + e.getMessage());
                }
                CliSupport.print(options, Map.of("folder", out.toAbsolutePath().toString(),
                        "files", result.files().stream().map(Path::toString).toList(),
                        "notes", result.notes()), () -> printText(result));
                return ExitCodes.OK;
            } catch (LockHeldException e) {
                throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage());
            }
        });
    }

    private void printText(TargetStateExport.Result result) {
        System.out.println("Target state written to " + out.toAbsolutePath() + ":");
        result.files().forEach(f -> System.out.println("  " + f));
        if (!result.notes().isEmpty()) {
            System.out.println("Notes (also in README.md):");
            result.notes().forEach(n -> System.out.println("  - " + n));
        }
    }
}
