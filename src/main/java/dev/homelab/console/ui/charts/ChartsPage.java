package dev.homelab.console.ui.charts;

import atlantafx.base.theme.Styles;

import dev.homelab.console.app.Settings;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * "Resources": live node charts from the app's own history and the before/after comparison. The page does not own
 * the sampling: the connected session starts the cluster's {@link Telemetry} on connect and closes it on disconnect,
 * and the page draws from that running instance.
 */
public final class ChartsPage implements Page {

    public static final String ID = "charts";

    private final UiContext context;
    private ChartsViewModel model;
    private Node view;

    public ChartsPage(UiContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Resources";
    }

    @Override
    public Ikon icon() {
        return Feather.ACTIVITY;
    }

    @Override
    public Node view() {
        if (view == null) {
            Optional<Telemetry> running = context.telemetry();
            if (running.isEmpty()) {
                view = notSampling();
                return view;
            }
            Telemetry telemetry = running.get();
            ZoneId zone = ZoneId.systemDefault();
            model = new ChartsViewModel(telemetry, context.tasks(), Clock.systemUTC());
            Tab live = new Tab("Live", new LiveChartsView(model, zone));
            Tab compare = new Tab("Before / after", new ComparisonView(model, context.tasks(), zone));
            Tab history = new Tab("History settings", new HistorySettingsView(telemetry,
                    Settings.load(context.console().dirs()), model));
            TabPane tabs = new TabPane(live, compare, history);
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            tabs.setId("charts-page");
            view = tabs;
            model.reload();
        }
        return view;
    }

    @Override
    public void onShown() {
        if (model != null) {
            model.reload();
        }
    }

    @Override
    public void dispose() {
        if (model != null) {
            model.dispose();
        }
    }

    private static Node notSampling() {
        Label heading = new Label("Resource history is not available");
        heading.getStyleClass().add(Styles.TITLE_3);
        Label detail = new Label("Sampling could not start for this connection (the log names the cause, usually the"
                + " history database). Switch cluster and connect again; the other pages work without it.");
        detail.setWrapText(true);
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(8, heading, detail);
        box.setId("charts-unavailable");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        return box;
    }
}
