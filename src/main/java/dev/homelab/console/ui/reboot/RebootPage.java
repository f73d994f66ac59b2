package dev.homelab.console.ui.reboot;

import dev.homelab.console.reboot.run.RebootTestRunner;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The one-click, guarded reboot test of a node. */
public final class RebootPage implements Page {

    public static final String ID = "reboot";
    static final int CANCEL_WINDOW_SECONDS = 10;

    private final UiContext context;
    private final RebootTestRunner runner;
    private final int cancelWindowSeconds;
    private RebootViewModel model;
    private Node view;

    public RebootPage(UiContext context) {
        this(context, RebootTestRunner.standard(context.console().cluster(), context.console().dirs()),
                CANCEL_WINDOW_SECONDS);
    }

    /** With a given runner and cancel window (tests run short settle times and windows). */
    public RebootPage(UiContext context, RebootTestRunner runner, int cancelWindowSeconds) {
        this.context = context;
        this.runner = runner;
        this.cancelWindowSeconds = cancelWindowSeconds;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Reboot test";
    }

    @Override
    public Ikon icon() {
        return Feather.REFRESH_CW;
    }

    @Override
    public Node view() {
        if (view == null) {
            model = new RebootViewModel(runner, context.tasks(), cancelWindowSeconds);
            view = new RebootView(model).root();
            model.refreshPlan();
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
