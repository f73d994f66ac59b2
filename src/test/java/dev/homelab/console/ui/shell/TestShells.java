package dev.homelab.console.ui.shell;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.ui.connect.FilePicker;
import javafx.stage.Stage;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** For UI tests outside this package: the main window with the pages a test chooses (the shell's own seam). */
public final class TestShells {

    private TestShells() {
    }

    public static ConsoleShell shell(Stage stage, AppDirs dirs, Supplier<List<PageFactory>> pages) {
        FilePicker none = (chooser, owner) -> Optional.empty();
        return new ConsoleShell(stage, dirs, pages, none);
    }
}
