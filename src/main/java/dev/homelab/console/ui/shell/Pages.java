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
                // overview, charts, wizard, logs, reboot, verify — added by their capabilities
                new dev.homelab.console.ui.charts.ChartsPageFactory()
        );
    }
}
