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

    List<ChartBand> bands() {
        return bands;
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

    /**
     * Each run of columns without a gap becomes one outline: along the columns' maxima, back along their minima.
     * Where a column holds one value the outline is the line itself; where it holds many, the band between minimum
     * and maximum is filled. Far fewer and simpler segments than a zig-zag through every column's values.
     */
    private void drawLine(GraphicsContext g, ChartLine line) {
        Downsampler.Columns columns = Downsampler.m4(line.series(), from, to, plotWidth());
        g.setStroke(line.color());
        g.setFill(line.color().deriveColor(0, 1, 1, 0.35));
        int c = 0;
        while (c < columns.count()) {
            if (!columns.present()[c]) {
                c++;
                continue;
            }
            int first = c;
            int last = c;
            for (int next = c + 1; next < columns.count(); next++) {
                if (columns.present()[next]) {
                    if (columns.gapBefore()[next]) {
                        break;
                    }
                    last = next;
                }
            }
            outline(g, columns, first, last);
            c = last + 1;
        }
    }

    private void outline(GraphicsContext g, Downsampler.Columns columns, int first, int last) {
        if (first == last) {
            double xx = LEFT + first + 0.5;
            g.fillRect(xx - 1.5, y(columns.high()[first]) - 1.5, 3, Math.max(3, y(columns.low()[first])
                    - y(columns.high()[first]) + 3));
            return;
        }
        g.beginPath();
        boolean started = false;
        for (int c = first; c <= last; c++) {
            if (columns.present()[c]) {
                if (started) {
                    g.lineTo(LEFT + c + 0.5, y(columns.high()[c]));
                } else {
                    g.moveTo(LEFT + c + 0.5, y(columns.high()[c]));
                    started = true;
                }
            }
        }
        for (int c = last; c >= first; c--) {
            if (columns.present()[c]) {
                g.lineTo(LEFT + c + 0.5, y(columns.low()[c]));
            }
        }
        g.closePath();
        g.fill();
        g.stroke();
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
