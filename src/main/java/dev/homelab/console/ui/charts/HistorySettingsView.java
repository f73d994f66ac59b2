package dev.homelab.console.ui.charts;

import dev.homelab.console.app.Settings;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;

import java.time.Duration;

/** Sampling interval and history bounds (retention, size), with where the history is and how big it is now. */
final class HistorySettingsView extends GridPane {

    HistorySettingsView(Telemetry telemetry, Settings settings, ChartsViewModel model) {
        setHgap(10);
        setVgap(8);
        setPadding(new Insets(12));
        TelemetrySettings current = telemetry.settings();
        Spinner<Integer> interval = new Spinner<>(5, 300, (int) current.interval().toSeconds(), 5);
        interval.setId("setting-interval");
        Spinner<Integer> retention = new Spinner<>(1, 365, (int) current.retention().toDays());
        retention.setId("setting-retention");
        Spinner<Integer> size = new Spinner<>(16, 65_536, (int) (current.maxBytes() / (1024 * 1024)), 64);
        size.setId("setting-size");
        for (Spinner<Integer> spinner : java.util.List.of(interval, retention, size)) {
            spinner.setEditable(true);
        }
        Label where = new Label();
        where.setWrapText(true);
        where.textProperty().bind(model.storeText);
        Label result = new Label();
        Button apply = new Button("Apply");
        apply.setId("setting-apply");
        apply.setOnAction(e -> {
            try {
                TelemetrySettings updated = new TelemetrySettings(Duration.ofSeconds(interval.getValue()),
                        Duration.ofDays(retention.getValue()), size.getValue() * 1024L * 1024);
                updated.save(settings);
                telemetry.apply(updated);
                result.setText("Saved. Sampling every " + interval.getValue() + " s ("
                        + String.format("%.1f", 120.0 / interval.getValue())
                        + " API requests/min); history pruned to " + retention.getValue() + " days / "
                        + size.getValue() + " MiB.");
                model.reload();
            } catch (IllegalArgumentException ex) {
                result.setText(ex.getMessage());
            }
        });
        addRow(0, new Label("Sample metrics.k8s.io every (s)"), interval);
        addRow(1, new Label("Keep history (days)"), retention);
        addRow(2, new Label("History size limit (MiB)"), size);
        add(apply, 1, 3);
        add(result, 0, 4, 2, 1);
        add(new Label("History"), 0, 5);
        add(where, 1, 5);
    }
}
