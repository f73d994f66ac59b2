package dev.homelab.console.reboot.report;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.buffers.BufferSnapshot;
import dev.homelab.console.reboot.gaps.Gap;
import dev.homelab.console.reboot.gaps.GapReport;
import dev.homelab.console.reboot.gaps.TargetGaps;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.TimelineEvent;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.Verdict;

import java.time.Instant;
import java.util.List;

import static dev.homelab.console.reboot.report.Svg.esc;
import static dev.homelab.console.reboot.report.Svg.n;

/**
 * A self-contained HTML report of one reboot test (no scripts, no external files): verdict per claim with the
 * evidence behind it, the timeline with offsets, vmagent's queue and each target's samples as inline SVG charts.
 */
public final class RebootReportHtml {

    private static final int WIDTH = 860;

    private RebootReportHtml() {
    }

    public static String render(RebootResult result) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reboot test of ")
                .append(esc(result.node())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328;max-width:960px}")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}")
                .append(".PASSED{color:#1a7f37}.FAILED{color:#cf222e}.UNVERIFIED{color:#9a6700}")
                .append("table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;")
                .append("padding:4px 8px;text-align:left;vertical-align:top;font-size:.92em}")
                .append(".ev{color:#57606a;font-size:.88em;margin:.2em 0 .2em 1em}")
                .append("</style></head><body>");
        html.append("<h1>Reboot test of ").append(esc(result.node())).append(" — <span class=\"")
                .append(result.overall()).append("\">").append(label(result.overall())).append("</span></h1>");
        html.append("<p>Cluster ").append(esc(result.clusterName())).append(". Started ").append(result.startedAt())
                .append(", finished ").append(result.finishedAt())
                .append(".</p><ul>");
        result.meaning().forEach(line -> html.append("<li>").append(esc(line)).append("</li>"));
        html.append("</ul><h2>Verdicts</h2>");
        for (CheckResult claim : result.claims()) {
            html.append("<p><b class=\"").append(claim.verdict()).append("\">").append(label(claim.verdict()))
                    .append("</b> <b>").append(esc(claim.title())).append("</b> — ").append(esc(claim.summary()))
                    .append("</p>");
            for (Evidence evidence : claim.evidence()) {
                html.append("<div class=\"ev\">").append(esc(evidence.source())).append(": ")
                        .append(esc(evidence.observation())).append("</div>");
            }
        }
        html.append("<h2>Timeline</h2><table><tr><th>Time (UTC)</th><th>Since request</th><th>What</th>")
                .append("<th>Detail</th></tr>");
        for (TimelineEvent event : result.timeline()) {
            html.append("<tr><td>").append(event.at()).append("</td><td>")
                    .append(event.sinceRequest() == null ? "" : "+" + event.sinceRequest().toSeconds() + " s")
                    .append("</td><td>").append(esc(event.milestone().title())).append("</td><td>")
                    .append(esc(event.detail())).append("</td></tr>");
        }
        html.append("</table>");
        html.append("<h2>vmagent remote-write queue</h2>").append(queueChart(result));
        html.append("<h2>Raw samples of <code>up</code> per target</h2>").append(targetChart(result));
        html.append("</body></html>");
        return html.toString();
    }

    static String label(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case UNVERIFIED -> "COULD NOT VERIFY";
        };
    }

    private static String queueChart(RebootResult result) {
        List<BufferSnapshot> points = result.buffer().stream().filter(s -> !Double.isNaN(s.pendingBytes())).toList();
        if (points.size() < 2) {
            return "<p>No readings of vmagent's queue (vmagent's /metrics could not be read).</p>";
        }
        Instant from = points.get(0).at();
        Instant to = points.get(points.size() - 1).at();
        double max = Math.max(1, points.stream().mapToDouble(BufferSnapshot::pendingBytes).max().orElse(1));
        int height = 180;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + (height + 30) + "\" role=\"img\" aria-label=\"vmagent pending bytes\">");
        svg.append(markers(result, from, to, height));
        StringBuilder path = new StringBuilder();
        for (BufferSnapshot point : points) {
            path.append(path.isEmpty() ? "M" : " L").append(n(x(point.at(), from, to))).append(',')
                    .append(n(height - point.pendingBytes() / max * (height - 10)));
        }
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\"/>");
        svg.append("<text x=\"4\" y=\"12\" font-size=\"11\">peak ")
                .append(esc(dev.homelab.console.reboot.verdict.MetricsClaims.bytes(max))).append("</text>");
        svg.append("<text x=\"4\" y=\"").append(height + 24).append("\" font-size=\"11\">").append(from)
                .append("</text><text x=\"").append(WIDTH - 4).append("\" y=\"").append(height + 24)
                .append("\" font-size=\"11\" text-anchor=\"end\">").append(to).append("</text></svg>");
        return svg.toString();
    }

    private static String targetChart(RebootResult result) {
        GapReport gaps = result.gaps();
        if (gaps == null || gaps.targets().isEmpty()) {
            return "<p>No raw samples were analysed (VictoriaMetrics unreachable or empty).</p>";
        }
        int row = 18;
        int labelWidth = 260;
        int height = gaps.targets().size() * row + 10;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + height + "\" role=\"img\" aria-label=\"samples per target\">");
        int y = 4;
        for (TargetGaps target : gaps.targets()) {
            svg.append("<text x=\"0\" y=\"").append(y + 12).append("\" font-size=\"11\">")
                    .append(esc(target.node() + " " + target.name())).append("</text>");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(WIDTH - labelWidth).append("\" height=\"10\" fill=\"#dafbe1\"/>");
            for (Gap down : target.down()) {
                svg.append(bar(down, gaps, labelWidth, y, "#fff1c5", "down"));
            }
            for (Gap gap : target.gaps()) {
                svg.append(bar(gap, gaps, labelWidth, y, "#cf222e", "no samples"));
            }
            y += row;
        }
        svg.append("</svg><p class=\"ev\">Green: samples every scrape. Yellow: target down (up=0, recorded). "
                + "Red: no sample at all (lost).</p>");
        return svg.toString();
    }

    private static String bar(Gap gap, GapReport report, int left, int y, String colour, String what) {
        double span = Math.max(1, report.end().toEpochMilli() - report.start().toEpochMilli());
        double width = WIDTH - left;
        double x0 = left + (gap.from().toEpochMilli() - report.start().toEpochMilli()) / span * width;
        double x1 = left + (gap.to().toEpochMilli() - report.start().toEpochMilli()) / span * width;
        return "<rect x=\"" + n(x0) + "\" y=\"" + (y + 3) + "\" width=\"" + n(Math.max(1, x1 - x0))
                + "\" height=\"10\" fill=\"" + colour + "\"><title>" + what + " " + gap.from() + " – " + gap.to()
                + "</title></rect>";
    }

    private static String markers(RebootResult result, Instant from, Instant to, int height) {
        StringBuilder svg = new StringBuilder();
        for (TimelineEvent event : result.timeline()) {
            if (!event.milestone().once() || event.at().isBefore(from) || event.at().isAfter(to)) {
                continue;
            }
            double x = x(event.at(), from, to);
            String colour = event.milestone() == Milestone.TIMED_OUT ? "#cf222e" : "#8c959f";
            svg.append("<line x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"0\" y2=\"")
                    .append(height).append("\" stroke=\"").append(colour).append("\" stroke-dasharray=\"3,3\">")
                    .append("<title>").append(esc(event.milestone().title())).append("</title></line>");
        }
        return svg.toString();
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        return (at.toEpochMilli() - from.toEpochMilli()) / span * (WIDTH - 8) + 4;
    }
}
