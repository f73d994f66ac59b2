package dev.homelab.console.ui.shell;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.app.Settings;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.ui.common.BackgroundTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connected cluster as the main window sees it: its context, its telemetry (sampling starts on connect, before
 * any page exists, so history is kept whichever page the user opens first) and the pages created for it. The first
 * page is created at once and the others by {@link #createRemainingPages()}, so that the first page (the overview,
 * with the nodes) can be on screen before the others have set themselves up (telemetry history, log queries, ...).
 */
final class ConnectedSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedSession.class);

    private final ConsoleContext console;
    private final Telemetry telemetry;
    private final UiContext context;
    private final List<PageFactory> remaining;
    private final List<Page> pages = new ArrayList<>();

    ConnectedSession(ConsoleContext console, BackgroundTasks tasks, Consumer<String> navigator,
                     List<PageFactory> factories) {
        this.console = console;
        this.telemetry = startTelemetry(console);
        this.context = new UiContext(console, tasks, navigator);
        this.remaining = new ArrayList<>(factories);
        while (pages.isEmpty() && !remaining.isEmpty()) {
            create(remaining.remove(0));
        }
    }

    /** On the FX thread: creates the pages after the first; returns them in navigation order. */
    List<Page> createRemainingPages() {
        int before = pages.size();
        while (!remaining.isEmpty()) {
            create(remaining.remove(0));
        }
        return List.copyOf(pages.subList(before, pages.size()));
    }

    private void create(PageFactory factory) {
        try {
            pages.add(factory.create(context));
        } catch (RuntimeException e) {
            LOG.error("The page from {} could not be created and is left out of the navigation", factory, e);
        }
    }

    /**
     * Opening the history and starting the watches do not block on the cluster; a failure leaves the session
     * without sampling (the Resources page says so) rather than without pages.
     */
    private static Telemetry startTelemetry(ConsoleContext console) {
        try {
            return Telemetry.start(console, TelemetrySettings.load(Settings.load(console.dirs())));
        } catch (RuntimeException e) {
            LOG.error("Telemetry for {} could not start: no node sampling in this session",
                    console.cluster().identity().contextName(), e);
            return null;
        }
    }

    ConsoleContext console() {
        return console;
    }

    Optional<Telemetry> telemetry() {
        return Optional.ofNullable(telemetry);
    }

    List<Page> pages() {
        return Collections.unmodifiableList(pages);
    }

    Optional<Page> page(String id) {
        return pages.stream().filter(page -> page.id().equals(id)).findFirst();
    }

    /** On the FX thread: stops every page's watches and timers. The rest is closed by {@link #close()}. */
    void disposePages() {
        remaining.clear();
        for (Page page : pages) {
            try {
                page.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Page {} did not dispose cleanly", page.id(), e);
            }
        }
    }

    /** Off the FX thread, after {@link #disposePages()}: stops sampling, then closes the connection. */
    void close() {
        try {
            if (telemetry != null) {
                telemetry.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing the telemetry of {} failed", console.cluster().identity().contextName(), e);
        } finally {
            console.close();
        }
    }
}
