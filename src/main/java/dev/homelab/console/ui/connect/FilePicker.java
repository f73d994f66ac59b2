package dev.homelab.console.ui.connect;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

/** Shows an open-file dialog. The native one by default; UI tests, which have no native dialogs, pass their own. */
@FunctionalInterface
public interface FilePicker {

    FilePicker NATIVE = (chooser, owner) -> Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);

    Optional<Path> open(FileChooser chooser, Window owner);
}
