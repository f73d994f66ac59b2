package dev.homelab.console.ui.shell;

/** Creates a page for a newly connected cluster. Registered in {@link Pages}. */
@FunctionalInterface
public interface PageFactory {
    Page create(UiContext context);
}
