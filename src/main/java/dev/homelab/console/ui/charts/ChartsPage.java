package dev.homelab.console.ui.charts;

import dev.homelab.console.app.Settings;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

import java.time.Clock;
import java.time.ZoneId;

/**
 * "Resources": live node charts from the app's own history and the before/after comparison. Sampling starts when
 * the page is created (on connect) — not when it is first shown — so history is kept while the user works on other
 * pages, and stops on disconnect.
 */
public final class ChartsPage implements Page {

    public static final String ID = "charts";

    private final UiContext context;
    private final Telemetry telemetry;
    private ChartsViewModel model;
    private TabPane view;

    public ChartsPage(UiContext context) {
        this.context = context;
        Settings settings = Settings.load(context.console().dirs());
        this.telemetry = Telemetry.start(context.console(), TelemetrySettings.load(settings));
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
            ZoneId zone = ZoneId.systemDefault();
            model = new ChartsViewModel(telemetry, context.tasks(), Clock.systemUTC());
            Tab live = new Tab("Live", new LiveChartsView(model, zone));
            Tab compare = new Tab("Before / after", new ComparisonView(model, context.tasks(), zone));
            Tab history = new Tab("History settings", new HistorySettingsView(telemetry,
                    Settings.load(context.console().dirs()), model));
            view = new TabPane(live, compare, history);
            view.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            view.setId("charts-page");
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
        telemetry.close();
    }
}
