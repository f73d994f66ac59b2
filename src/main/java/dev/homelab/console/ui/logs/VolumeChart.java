package dev.homelab.console.ui.logs;

import dev.homelab.console.logs.VolumeHistogram;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Lines per time bucket as bars above the query results; drawn on one canvas (cheap to redraw on resize). */
final class VolumeChart extends Region {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final Canvas canvas = new Canvas();
    private VolumeHistogram histogram;

    VolumeChart() {
        getStyleClass().add("log-volume");
        getChildren().add(canvas);
        setPrefHeight(80);
        setMinHeight(80);
    }

    void show(VolumeHistogram value) {
        histogram = value;
        draw();
    }

    VolumeHistogram histogram() {
        return histogram;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (histogram == null || histogram.counts().length == 0) {
            return;
        }
        long[] counts = histogram.counts();
        long max = Math.max(1, histogram.max());
        double axis = 16;
        double barArea = h - axis;
        double slot = w / counts.length;
        g.setFill(Color.web("#4c8bf5"));
        for (int i = 0; i < counts.length; i++) {
            double bar = counts[i] * (barArea - 4) / max;
            g.fillRect(i * slot + 0.5, barArea - bar, Math.max(1, slot - 1), bar);
        }
        g.setFill(Color.GRAY);
        g.setFont(Font.font(10));
        g.fillText(SHORT.format(histogram.start()), 2, h - 3);
        String end = SHORT.format(histogram.bucketStart(counts.length));
        g.fillText(end, Math.max(2, w - 70), h - 3);
        g.fillText(String.format("max %,d / %ds", histogram.max(), histogram.step().toSeconds()), w / 2 - 40, h - 3);
    }
}
