package dev.homelab.console.ui.shell;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.common.BackgroundTasks;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a page gets: the connected cluster, the background-task runner (off the FX thread, listed in the shell with
 * cancel), and navigation to another page by id.
 */
public record UiContext(ConsoleContext console, BackgroundTasks tasks, Consumer<String> navigator) {

    public void navigate(String pageId) {
        navigator.accept(pageId);
    }

    /**
     * The connected session's telemetry (started on connect, closed on disconnect); empty when it could not start
     * or, in a page test, when the test did not start it.
     */
    public Optional<Telemetry> telemetry() {
        return Telemetry.running(console.cluster().identity().clusterId());
    }
}
