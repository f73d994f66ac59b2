package dev.homelab.console.ui.shell;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.ui.common.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** One connected cluster as the main window sees it: its context and the pages created for it. */
final class ConnectedSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedSession.class);

    private final ConsoleContext console;
    private final List<Page> pages;

    ConnectedSession(ConsoleContext console, BackgroundTasks tasks, Consumer<String> navigator,
                     List<PageFactory> factories) {
        this.console = console;
        UiContext context = new UiContext(console, tasks, navigator);
        List<Page> created = new ArrayList<>();
        for (PageFactory factory : factories) {
            try {
                created.add(factory.create(context));
            } catch (RuntimeException e) {
                LOG.error("The page from {} could not be created and is left out of the navigation", factory, e);
            }
        }
        this.pages = Collections.unmodifiableList(created);
    }

    ConsoleContext console() {
        return console;
    }

    List<Page> pages() {
        return pages;
    }

    Optional<Page> page(String id) {
        return pages.stream().filter(page -> page.id().equals(id)).findFirst();
    }

    /** On the FX thread: stops every page's watches and timers. The context is closed by the caller, off the FX thread. */
    void disposePages() {
        for (Page page : pages) {
            try {
                page.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Page {} did not dispose cleanly", page.id(), e);
            }
        }
    }
}
