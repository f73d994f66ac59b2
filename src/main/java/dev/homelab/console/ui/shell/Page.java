package dev.homelab.console.ui.shell;

import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * One screen reachable from the main window's navigation. Pages are created per connected cluster and disposed
 * when the user disconnects, so a page may start watches / timers in {@link #view()} and must stop them in
 * {@link #dispose()}.
 */
public interface Page {

    /** Stable id used for navigation and tests ("overview", "charts", "wizard", "logs", "reboot", "verify"). */
    String id();

    String title();

    Ikon icon();

    /** Built once, lazily, on the FX thread. */
    Node view();

    /** Called on the FX thread each time the page becomes visible. */
    default void onShown() {
    }

    /** Stop watches, timers, port-forwards. */
    default void dispose() {
    }
}
