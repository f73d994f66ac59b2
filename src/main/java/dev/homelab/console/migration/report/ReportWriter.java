package dev.homelab.console.migration.report;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.decommission.DecommissionSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/** Writes the migration report of an engine's cluster to a file (for the CLI and the wizard). */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** @return the absolute path written */
    public static Path write(MigrationEngine engine, Path file) {
        ZoneId zone = ZoneId.systemDefault();
        String html = MigrationReport.html(engine, ReportComparison.of(engine.console(),
                DecommissionSettings.afterWindow(engine.settings()), zone), Instant.now(), zone);
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Files.writeString(absolute, html);
            return absolute;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the report to " + absolute + ": " + e.getMessage()
                    + " — choose a writable folder", e);
        }
    }
}
