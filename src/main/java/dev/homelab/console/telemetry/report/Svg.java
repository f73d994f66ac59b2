package dev.homelab.console.telemetry.report;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.Units;
import dev.homelab.console.telemetry.store.RawSeries;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts for the self-contained HTML report (no scripts, no external files). */
final class Svg {

    static final int WIDTH = 560;
    static final int HEIGHT = 160;
    private static final int LEFT = 64;
    private static final int BOTTOM = 18;

    /** A window's samples, drawn against time since the window's start, with a colour and a legend name. */
    record Trace(String name, String color, RawSeries series, long windowStart, long windowLength, long gapMillis) {
    }

    private Svg() {
    }

    /** Before and after windows overlaid on "minutes since the window started", gaps left open. */
    static String overlay(Metric metric, List<Trace> traces) {
        double max = 0;
        long length = 1;
        for (Trace trace : traces) {
            for (double v : trace.series().values(metric)) {
                max = Math.max(max, v);
            }
            length = Math.max(length, trace.windowLength());
        }
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder svg = open();
        axis(svg, metric, max, length);
        int legendX = LEFT + 8;
        for (Trace trace : traces) {
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(trace.color()).append("\" d=\"");
            long[] times = trace.series().times();
            double[] values = trace.series().values(metric);
            for (int i = 0; i < times.length; i++) {
                boolean gap = i == 0 || times[i] - times[i - 1] > trace.gapMillis();
                svg.append(gap ? 'M' : 'L').append(fmt(x(times[i] - trace.windowStart(), length))).append(' ')
                        .append(fmt(y(values[i], max))).append(' ');
            }
            svg.append("\"/>");
            svg.append("<text x=\"").append(legendX).append("\" y=\"12\" fill=\"").append(trace.color())
                    .append("\">").append(Html.escape(trace.name())).append("</text>");
            legendX += 8 + trace.name().length() * 7;
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars: before (grey) and after (colour) per component. */
    static String bars(List<String> labels, double[] before, double[] after, Metric metric) {
        double max = 1;
        for (int i = 0; i < labels.size(); i++) {
            max = Math.max(max, Math.max(before[i], after[i]));
        }
        int rowHeight = 24;
        int labelWidth = 230;
        int height = labels.size() * rowHeight + 10;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (WIDTH + 120)
                + "\" height=\"" + height + "\" font-family=\"sans-serif\" font-size=\"11\">");
        for (int i = 0; i < labels.size(); i++) {
            int top = 5 + i * rowHeight;
            double wb = (WIDTH - labelWidth) * before[i] / max;
            double wa = (WIDTH - labelWidth) * after[i] / max;
            svg.append("<text x=\"0\" y=\"").append(top + 14).append("\">").append(Html.escape(labels.get(i)))
                    .append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(top).append("\" width=\"")
                    .append(fmt(wb)).append("\" height=\"9\" fill=\"#9aa0a6\"/>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(top + 10)
                    .append("\" width=\"").append(fmt(wa)).append("\" height=\"9\" fill=\"#2f6fdb\"/>")
                    .append("<text x=\"").append(fmt(labelWidth + Math.max(wb, wa) + 6)).append("\" y=\"")
                    .append(top + 14).append("\">").append(Units.value(metric, before[i])).append(" → ")
                    .append(Units.value(metric, after[i])).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open() {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\""
                + HEIGHT + "\" font-family=\"sans-serif\" font-size=\"11\">");
    }

    private static void axis(StringBuilder svg, Metric metric, double max, long length) {
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double yy = y(value, max);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH).append("\" y1=\"").append(fmt(yy))
                    .append("\" y2=\"").append(fmt(yy)).append("\" stroke=\"#ddd\"/>")
                    .append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt(yy + 4))
                    .append("\" text-anchor=\"end\" fill=\"#666\">").append(Units.value(metric, value)).append("</text>");
        }
        svg.append("<text x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\" fill=\"#666\">").append(length / 60_000)
                .append(" min</text><text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 4)
                .append("\" fill=\"#666\">0</text>");
    }

    private static double x(long offset, long length) {
        return LEFT + (WIDTH - LEFT) * offset / (double) length;
    }

    private static double y(double value, double max) {
        return 16 + (HEIGHT - BOTTOM - 16) * (1 - value / max);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
