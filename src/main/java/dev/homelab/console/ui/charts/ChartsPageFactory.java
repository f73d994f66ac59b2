package dev.homelab.console.ui.charts;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.PageFactory;
import dev.homelab.console.ui.shell.UiContext;

/** Registered in {@link dev.homelab.console.ui.shell.Pages}. */
public final class ChartsPageFactory implements PageFactory {
    @Override
    public Page create(UiContext context) {
        return new ChartsPage(context);
    }
}
