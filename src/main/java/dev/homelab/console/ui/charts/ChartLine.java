package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.TimeSeries;
import javafx.scene.paint.Color;

/** One line of a chart: its name in the legend, colour, points, and where the data came from (legend tooltip). */
public record ChartLine(String name, Color color, TimeSeries series, String source) {
}
