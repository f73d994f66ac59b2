package dev.homelab.console.ui.overview;

import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The cluster overview: live nodes with usage, and the monitoring that runs today (what the wizard starts from). */
public final class OverviewPage implements Page {

    public static final String ID = "overview";

    private final UiContext context;
    private OverviewViewModel model;
    private Node view;

    public OverviewPage(UiContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Overview";
    }

    @Override
    public Ikon icon() {
        return Feather.GRID;
    }

    @Override
    public Node view() {
        if (view == null) {
            model = new OverviewViewModel(context);
            view = new OverviewView(model, context).root();
            model.start();
        }
        return view;
    }

    @Override
    public void dispose() {
        if (model != null) {
            model.close();
        }
    }
}
