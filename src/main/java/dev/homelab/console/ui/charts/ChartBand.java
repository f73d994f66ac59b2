package dev.homelab.console.ui.charts;

import javafx.scene.paint.Color;

/** A baseline drawn over a chart: a shaded band between mean and p95, with the mean dashed. */
public record ChartBand(String label, Color color, double mean, double p95) {
}
