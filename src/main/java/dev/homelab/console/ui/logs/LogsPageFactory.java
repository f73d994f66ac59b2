package dev.homelab.console.ui.logs;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.PageFactory;
import dev.homelab.console.ui.shell.UiContext;

/** Registered in {@code ui.shell.Pages}. */
public final class LogsPageFactory implements PageFactory {
    @Override
    public Page create(UiContext context) {
        return new LogsPage(context);
    }
}
