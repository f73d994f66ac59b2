package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Downsampler;
import dev.homelab.console.telemetry.TimeSeries;
import javafx.scene.canvas.GraphicsContext;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines over time (one per node, or one node's usage), downsampled to the pixel columns available, with gaps left
 * open, and optional baseline bands.
 */
final class LineChartCanvas extends CanvasChart {

    private List<ChartLine> lines = List.of();
    private List<ChartBand> bands = List.of();

    LineChartCanvas(ZoneId zone) {
        super(zone);
    }

    void show(List<ChartLine> newLines, List<ChartBand> newBands, ValueAxis newAxis, long newFrom, long newTo) {
        lines = new ArrayList<>(newLines);
        bands = new ArrayList<>(newBands);
        axis = newAxis;
        setRange(newFrom, newTo);
        redraw();
    }

    List<ChartLine> lines() {
        return lines;
    }

    @Override
    double dataMax() {
        double max = 0;
        for (ChartLine line : lines) {
            TimeSeries s = line.series();
            for (int i = 0; i < s.size(); i++) {
                if (s.time(i) >= from && s.time(i) <= to) {
                    max = Math.max(max, s.high(i));
                }
            }
        }
        for (ChartBand band : bands) {
            max = Math.max(max, band.p95());
        }
        return max;
    }

    @Override
    void drawData(GraphicsContext g) {
        for (ChartBand band : bands) {
            g.setFill(band.color().deriveColor(0, 1, 1, 0.18));
            double top = y(band.p95());
            g.fillRect(LEFT, top, plotWidth(), Math.max(1, y(band.mean()) - top));
            g.setStroke(band.color().deriveColor(0, 1, 1, 0.8));
            g.setLineDashes(6, 4);
            g.setLineWidth(1);
            g.strokeLine(LEFT, y(band.mean()), LEFT + plotWidth(), y(band.mean()));
            g.setLineDashes();
        }
        g.setLineWidth(1.5);
        for (ChartLine line : lines) {
            drawLine(g, line);
        }
    }

    private void drawLine(GraphicsContext g, ChartLine line) {
        Downsampler.Columns columns = Downsampler.m4(line.series(), from, to, plotWidth());
        g.setStroke(line.color());
        g.setFill(line.color());
        g.beginPath();
        for (int c = 0; c < columns.count(); c++) {
            if (!columns.present()[c]) {
                continue;
            }
            double xx = LEFT + c + 0.5;
            if (columns.gapBefore()[c]) {
                g.moveTo(xx, y(columns.first()[c]));
                if (isolated(columns, c)) {
                    g.fillRect(xx - 1.5, y(columns.first()[c]) - 1.5, 3, 3);
                }
            } else {
                g.lineTo(xx, y(columns.first()[c]));
            }
            g.lineTo(xx, y(columns.low()[c]));
            g.lineTo(xx, y(columns.high()[c]));
            g.lineTo(xx, y(columns.last()[c]));
        }
        g.stroke();
    }

    /** A lone point between gaps would be invisible as a path: it gets a dot. */
    private static boolean isolated(Downsampler.Columns columns, int c) {
        for (int next = c + 1; next < columns.count(); next++) {
            if (columns.present()[next]) {
                return columns.gapBefore()[next];
            }
        }
        return true;
    }

    @Override
    String describeAt(long time) {
        StringBuilder text = new StringBuilder();
        for (ChartLine line : lines) {
            int i = line.series().indexAt(time);
            if (i >= 0) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                String value = line.series().low(i) == line.series().high(i) ? axis.format(line.series().high(i))
                        : axis.format(line.series().low(i)) + " – " + axis.format(line.series().high(i));
                text.append(line.name()).append(": ").append(value);
            }
        }
        return text.toString();
    }
}
