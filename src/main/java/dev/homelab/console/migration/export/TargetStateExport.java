package dev.homelab.console.migration.export;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.stack.gitops.GitOpsExport;
import dev.homelab.console.stack.gitops.ReleaseTarget;
import dev.homelab.console.util.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the migration's target state for Flux / Argo CD users: the releases the steps install, with the same values,
 * through {@link GitOpsExport}, plus the manifests the steps create next to them under {@code manifests/}.
 * Secrets only as templates (names, keys and where the values come from).
 */
public final class TargetStateExport {

    private TargetStateExport() {
    }

    /** @return the files written, relative to {@code folder} */
    public static List<Path> write(MigrationEngine engine, Path folder) throws Exception {
        List<ReleaseTarget> releases = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (MigrationStep step : engine.migration().steps()) {
            if (step instanceof ExportsTarget exporting) {
                Optional<TargetPart> part = exporting.target(engine.contextFor(step.id()));
                if (part.isEmpty()) {
                    throw new IllegalStateException("The target of \"" + step.id() + "\" cannot be computed yet: "
                            + "run its preflight (migrate plan --step " + step.id() + ") and fix what it reports");
                }
                releases.add(part.get().release());
                manifests.addAll(part.get().manifests());
            }
        }
        written.addAll(GitOpsExport.write(folder, releases));
        for (Map<String, Object> manifest : manifests) {
            Map<?, ?> metadata = (Map<?, ?>) manifest.get("metadata");
            Path file = Path.of("manifests", metadata.get("namespace") + "-" + metadata.get("name") + "."
                    + String.valueOf(manifest.get("kind")).toLowerCase(java.util.Locale.ROOT) + ".yaml");
            writeYaml(folder.resolve(file), manifest);
            written.add(file);
        }
        return written;
    }

    private static void writeYaml(Path file, Object document) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.YAML.writeValueAsString(document));
    }
}
