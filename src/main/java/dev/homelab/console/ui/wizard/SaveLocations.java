package dev.homelab.console.ui.wizard;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** Where the wizard writes the migration report and the GitOps export: asked with the desktop's own dialogs. */
public interface SaveLocations {

    Optional<Path> reportFile(Window owner);

    Optional<Path> exportFolder(Window owner);

    SaveLocations NATIVE = new SaveLocations() {
        @Override
        public Optional<Path> reportFile(Window owner) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Write the migration report");
            chooser.setInitialFileName("migration-report.html");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("HTML", "*.html"));
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
        }

        @Override
        public Optional<Path> exportFolder(Window owner) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export the target state for GitOps");
            return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
        }
    };
}
