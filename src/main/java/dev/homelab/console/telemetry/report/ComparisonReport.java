package dev.homelab.console.telemetry.report;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Units;
import dev.homelab.console.telemetry.baseline.Change;
import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.telemetry.baseline.WindowSummary;
import dev.homelab.console.telemetry.store.SampleStore;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison as one self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched): summary, flags,
 * per-node and per-component tables, before/after charts per node and component bars. Also the text form the CLI
 * prints.
 */
public final class ComparisonReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private ComparisonReport() {
    }

    public static String html(Comparison comparison, SampleStore store, String clusterName, ZoneId zone) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Before / after — " + Html.escape(clusterName) + "</title><style>"
                + "body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}"
                + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border-bottom:1px solid #ddd;padding:4px 10px;"
                + "text-align:right}td:first-child,th:first-child{text-align:left}.gone{color:#2e7d32}.added{color:#c62828}"
                + ".flag{background:#fff4e5;border-left:4px solid #f0a030;padding:6px 10px;margin:4px 0}"
                + ".muted{color:#666;font-size:12px}</style></head><body>");
        WindowSummary before = comparison.before();
        WindowSummary after = comparison.after();
        html.append("<h1>Resource usage before and after</h1><p>Cluster <b>").append(Html.escape(clusterName))
                .append("</b>. Baseline <b>").append(Html.escape(comparison.baseline())).append("</b>: ")
                .append(window(before, zone)).append("; after: ").append(window(after, zone)).append(".</p>");
        html.append("<p><b>").append(headline(comparison)).append("</b></p>");
        for (String flag : comparison.flags()) {
            html.append("<div class=\"flag\">").append(Html.escape(flag)).append("</div>");
        }
        html.append("<h2>Nodes</h2><table><tr><th>Node</th><th>Memory before</th><th>after</th><th>change</th>"
                + "<th></th><th>CPU before</th><th>after</th><th>change</th><th></th></tr>");
        for (Comparison.NodeChange node : comparison.nodes()) {
            html.append("<tr><td>").append(Html.escape(node.node())).append("</td>")
                    .append(cells(node.memory(), Metric.MEMORY)).append(cells(node.cpu(), Metric.CPU)).append("</tr>");
        }
        html.append("<tr><th>All nodes</th>").append(cells(comparison.totalMemory(), Metric.MEMORY))
                .append(cells(comparison.totalCpu(), Metric.CPU)).append("</tr></table>");
        html.append("<h2>Monitoring components</h2><table><tr><th>Component</th><th>Memory before</th><th>after</th>"
                + "<th>change</th><th></th><th>CPU before</th><th>after</th><th>change</th><th></th></tr>");
        List<String> labels = new ArrayList<>();
        double[] mb = new double[comparison.components().size()];
        double[] ma = new double[mb.length];
        int i = 0;
        for (Comparison.ComponentChange component : comparison.components()) {
            String css = component.memory().verdict() == Change.Verdict.GONE ? "gone"
                    : component.memory().verdict() == Change.Verdict.ADDED ? "added" : "";
            html.append("<tr class=\"").append(css).append("\"><td>").append(Html.escape(component.label()))
                    .append("</td>").append(cells(component.memory(), Metric.MEMORY))
                    .append(cells(component.cpu(), Metric.CPU)).append("</tr>");
            labels.add(component.label());
            mb[i] = component.memory().before();
            ma[i++] = component.memory().after();
        }
        html.append("</table>");
        if (!labels.isEmpty()) {
            html.append("<h3>Component memory, before (grey) and after (blue)</h3>")
                    .append(Svg.bars(labels, mb, ma, Metric.MEMORY));
        }
        html.append("<h2>Per node, before and after</h2><p class=\"muted\">Both windows drawn from their start;"
                + " gaps are times without samples.</p>");
        for (Comparison.NodeChange node : comparison.nodes()) {
            html.append("<h3>").append(Html.escape(node.node())).append("</h3>");
            for (Metric metric : Metric.values()) {
                html.append(Svg.overlay(metric, List.of(
                        trace("before", "#9aa0a6", store, node.node(), before),
                        trace("after", "#2f6fdb", store, node.node(), after))));
            }
        }
        html.append("<h2>Sources</h2><ul>");
        for (String source : before.sources()) {
            html.append("<li>before: ").append(Html.escape(source)).append("</li>");
        }
        for (String source : after.sources()) {
            html.append("<li>after: ").append(Html.escape(source)).append("</li>");
        }
        html.append("</ul><p class=\"muted\">A change no larger than the windows' own variation (standard deviation)"
                + " is shown as \"no clear change\". Generated by Homelab Console.</p></body></html>");
        return html.toString();
    }

    private static Svg.Trace trace(String name, String color, SampleStore store, String node, WindowSummary window) {
        return new Svg.Trace(name, color, store.readRaw(SeriesKey.node(node), window.fromMillis(), window.toMillis()),
                window.fromMillis(), window.durationMillis(), window.intervalMillis() * 5 / 2);
    }

    /** "Memory: 1.62 GiB less (-21.4 %) over 4 nodes" — the first line a user reads. */
    public static String headline(Comparison comparison) {
        Change memory = comparison.totalMemory();
        Change cpu = comparison.totalCpu();
        return "Memory: " + describe(memory, Metric.MEMORY) + " · CPU: " + describe(cpu, Metric.CPU)
                + " (all nodes)";
    }

    static String describe(Change change, Metric metric) {
        return switch (change.verdict()) {
            case DECREASED -> Units.value(metric, -change.absolute()) + " less (" + Units.percent(change.relative()) + ")";
            case INCREASED -> Units.value(metric, change.absolute()) + " more (" + Units.percent(change.relative()) + ")";
            default -> change.verdict().text() + " (" + Units.signed(metric, change.absolute()) + ")";
        };
    }

    private static String cells(Change change, Metric metric) {
        return "<td>" + Units.value(metric, change.before()) + "</td><td>" + Units.value(metric, change.after())
                + "</td><td>" + Units.signed(metric, change.absolute()) + " " + Units.percent(change.relative())
                + "</td><td>" + change.verdict().text() + "</td>";
    }

    private static String window(WindowSummary window, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(window.fromMillis()).atZone(zone)) + " – "
                + TIME.format(Instant.ofEpochMilli(window.toMillis()).atZone(zone))
                + String.format(Locale.ROOT, " (%d min, %.0f %% sampled)", window.durationMillis() / 60_000,
                window.coverage() * 100);
    }

    /** The comparison as plain text for the terminal. */
    public static String text(Comparison comparison, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        out.append("Baseline '").append(comparison.baseline()).append("': ").append(window(comparison.before(), zone))
                .append('\n').append("After: ").append(window(comparison.after(), zone)).append("\n\n")
                .append(headline(comparison)).append("\n");
        for (String flag : comparison.flags()) {
            out.append("! ").append(flag).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%n%-28s %12s %12s %22s  %-16s %10s %10s %18s  %s%n", "NODE",
                "MEM BEFORE", "MEM AFTER", "CHANGE", "", "CPU BEFORE", "CPU AFTER", "CHANGE", ""));
        for (Comparison.NodeChange node : comparison.nodes()) {
            out.append(row(node.node(), node.memory(), node.cpu()));
        }
        out.append(row("all nodes", comparison.totalMemory(), comparison.totalCpu()));
        out.append(String.format(Locale.ROOT, "%n%-28s %12s %12s %22s  %-16s %10s %10s %18s  %s%n", "COMPONENT",
                "MEM BEFORE", "MEM AFTER", "CHANGE", "", "CPU BEFORE", "CPU AFTER", "CHANGE", ""));
        for (Comparison.ComponentChange component : comparison.components()) {
            out.append(row(component.label(), component.memory(), component.cpu()));
        }
        return out.toString();
    }

    private static String row(String name, Change memory, Change cpu) {
        return String.format(Locale.ROOT, "%-28s %12s %12s %22s  %-16s %10s %10s %18s  %s%n", name,
                Units.bytes(memory.before()), Units.bytes(memory.after()),
                Units.signed(Metric.MEMORY, memory.absolute()) + " " + Units.percent(memory.relative()),
                memory.verdict().text(), Units.cores(cpu.before()), Units.cores(cpu.after()),
                Units.signed(Metric.CPU, cpu.absolute()) + " " + Units.percent(cpu.relative()), cpu.verdict().text());
    }
}
