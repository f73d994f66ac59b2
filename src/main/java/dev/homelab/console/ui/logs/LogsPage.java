package dev.homelab.console.ui.logs;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.time.Clock;

/** Log tails and range queries from Loki, reached through the cluster (page id "logs"). */
public final class LogsPage implements Page {

    private final LogsViewModel model;
    private LogsView view;
    private Node node;
    private boolean connected;

    public LogsPage(UiContext context) {
        this.model = new LogsViewModel(context.console(), context.tasks(), Clock.systemUTC());
    }

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String title() {
        return "Logs";
    }

    @Override
    public Ikon icon() {
        return Feather.FILE_TEXT;
    }

    @Override
    public Node view() {
        if (node == null) {
            view = new LogsView(model);
            node = view.build();
        }
        return node;
    }

    /** Connects the first time the page is shown, so Loki is not asked before the user wants logs. */
    @Override
    public void onShown() {
        if (!connected) {
            connected = true;
            model.connect();
        }
    }

    @Override
    public void dispose() {
        model.dispose();
    }

    LogsViewModel model() {
        return model;
    }

    LogsView viewForTests() {
        return view;
    }
}
