package dev.homelab.console.ui.wizard;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.PageFactory;
import dev.homelab.console.ui.shell.UiContext;

/** Registered in {@link dev.homelab.console.ui.shell.Pages}. */
public final class WizardPageFactory implements PageFactory {

    private final SaveLocations saveLocations;

    public WizardPageFactory() {
        this(SaveLocations.NATIVE);
    }

    /** With other save dialogs (tests answer them without a desktop). */
    public WizardPageFactory(SaveLocations saveLocations) {
        this.saveLocations = saveLocations;
    }

    @Override
    public Page create(UiContext context) {
        return new WizardPage(context, saveLocations);
    }
}
