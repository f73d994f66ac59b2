package dev.homelab.console.ui.charts;

import javafx.scene.canvas.GraphicsContext;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Components stacked on each other (memory or CPU of each monitoring component on a node). Per pixel column each
 * component contributes its latest value in that column; a column in which no component has a sample is a gap
 * (the app was not sampling, or the node was NotReady), not a zero.
 */
final class StackedChartCanvas extends CanvasChart {

    private List<ChartLine> layers = List.of();
    private double[][] stacked = new double[0][];
    private boolean[] present = new boolean[0];

    StackedChartCanvas(ZoneId zone) {
        super(zone);
    }

    void show(List<ChartLine> newLayers, ValueAxis newAxis, long newFrom, long newTo) {
        layers = new ArrayList<>(newLayers);
        axis = newAxis;
        setRange(newFrom, newTo);
        redraw();
    }

    List<ChartLine> layers() {
        return layers;
    }

    private void stack() {
        int columns = plotWidth();
        double perColumn = (to - from) / (double) columns;
        stacked = new double[layers.size()][columns];
        present = new boolean[columns];
        double[][] values = new double[layers.size()][columns];
        for (int l = 0; l < layers.size(); l++) {
            var series = layers.get(l).series();
            for (int i = 0; i < series.size(); i++) {
                long t = series.time(i);
                if (t < from || t > to) {
                    continue;
                }
                int c = Math.min(columns - 1, (int) ((t - from) / perColumn));
                values[l][c] = series.high(i);
                present[c] = true;
            }
        }
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            for (int l = 0; l < layers.size(); l++) {
                sum += values[l][c];
                stacked[l][c] = sum;
            }
        }
    }

    @Override
    double dataMax() {
        stack();
        double max = 0;
        if (stacked.length > 0) {
            for (double v : stacked[stacked.length - 1]) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    @Override
    void drawData(GraphicsContext g) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            g.setFill(layers.get(l).color().deriveColor(0, 1, 1, 0.75));
            int c = 0;
            while (c < present.length) {
                if (!present[c]) {
                    c++;
                    continue;
                }
                int start = c;
                while (c < present.length && present[c]) {
                    c++;
                }
                fillSegment(g, l, start, c);
            }
        }
    }

    private void fillSegment(GraphicsContext g, int layer, int start, int end) {
        g.beginPath();
        g.moveTo(LEFT + start, y(layer == 0 ? 0 : stacked[layer - 1][start]));
        for (int c = start; c < end; c++) {
            g.lineTo(LEFT + c + 1, y(stacked[layer][c]));
        }
        for (int c = end - 1; c >= start; c--) {
            g.lineTo(LEFT + c + 1, y(layer == 0 ? 0 : stacked[layer - 1][c]));
        }
        g.closePath();
        g.fill();
    }

    @Override
    String describeAt(long time) {
        StringBuilder text = new StringBuilder();
        double total = 0;
        for (ChartLine layer : layers) {
            int i = layer.series().indexAt(time);
            if (i >= 0) {
                total += layer.series().high(i);
                text.append(layer.name()).append(": ").append(axis.format(layer.series().high(i))).append('\n');
            }
        }
        return text.isEmpty() ? "" : text.append("total: ").append(axis.format(total)).toString();
    }
}
