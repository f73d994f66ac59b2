package dev.homelab.console.ui.shell;

import java.util.List;

/**
 * The pages of the main window, in navigation order. Each capability adds its factory here (one line), and nowhere
 * else: there are no placeholder pages.
 */
public final class Pages {

    private Pages() {
    }

    public static List<PageFactory> all() {
        return List.of(
                dev.homelab.console.ui.overview.OverviewPage::new
                // charts, wizard, logs, reboot, verify — added by their capabilities
        );
    }
}
