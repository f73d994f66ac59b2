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
 * any page exists, so history is kept whichever page the user opens first) and the pages created for it.
 */
final class ConnectedSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedSession.class);

    private final ConsoleContext console;
    private final Telemetry telemetry;
    private final List<Page> pages;

    ConnectedSession(ConsoleContext console, BackgroundTasks tasks, Consumer<String> navigator,
                     List<PageFactory> factories) {
        this.console = console;
        this.telemetry = startTelemetry(console);
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
        return pages;
    }

    Optional<Page> page(String id) {
        return pages.stream().filter(page -> page.id().equals(id)).findFirst();
    }

    /** On the FX thread: stops every page's watches and timers. The rest is closed by {@link #close()}. */
    void disposePages() {
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
