package dev.homelab.console.ui.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The pages of the main window, in navigation order. Each capability adds its factory here (one line), and nowhere
 * else: there are no placeholder pages.
 */
public final class Pages {

    private Pages() {
    }

    public static List<PageFactory> all() {
        List<PageFactory> pages = new ArrayList<>();
        pages.add(dev.homelab.console.ui.overview.OverviewPage::new);
        pages.add(new dev.homelab.console.ui.charts.ChartsPageFactory());
        pages.add(new dev.homelab.console.ui.wizard.WizardPageFactory());
        pages.add(new dev.homelab.console.ui.logs.LogsPageFactory());
        pages.add(dev.homelab.console.ui.reboot.RebootPage::new);
        pages.add(dev.homelab.console.ui.verify.VerifyPage::new);
        return List.copyOf(pages);
    }
}
