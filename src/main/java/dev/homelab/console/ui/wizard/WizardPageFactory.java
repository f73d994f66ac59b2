package dev.homelab.console.ui.wizard;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.PageFactory;
import dev.homelab.console.ui.shell.UiContext;

/** Registered in {@link dev.homelab.console.ui.shell.Pages}. */
public final class WizardPageFactory implements PageFactory {
    @Override
    public Page create(UiContext context) {
        return new WizardPage(context);
    }
}
