package dev.homelab.console.migration.report;

import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.Phase;
import dev.homelab.console.migration.SecretMasker;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.migration.StepState;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The migration report: one self-contained HTML file with every phase and step (state, timestamps, last error, the
 * evidence of its last verification, as journaled) and the before/after resource comparison. The journal holds no
 * secrets; every text is masked once more against the known secret values before it is written.
 */
public final class MigrationReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private MigrationReport() {
    }

    /**
     * @param comparisonHtml the before/after comparison document ({@code telemetry.report.ComparisonReport}), or a
     *                       sentence saying why there is none
     */
    public static String html(MigrationEngine engine, ComparisonSection comparisonHtml, Instant generated,
                              ZoneId zone) {
        SecretMasker masker = engine.masker();
        String cluster = engine.console().cluster().identity().contextName();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Migration report — " + escape(cluster) + "</title><style>"
                + "body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}"
                + "table{border-collapse:collapse;width:100%;margin:8px 0 20px}td,th{border-bottom:1px solid #ddd;"
                + "padding:4px 8px;text-align:left;vertical-align:top}.PASSED{color:#2e7d32}.FAILED{color:#c62828}"
                + ".UNVERIFIED{color:#b26a00}.ev{font-family:monospace;font-size:12px;white-space:pre-wrap}"
                + ".muted{color:#666;font-size:12px}iframe{width:100%;height:900px;border:1px solid #ddd}"
                + "</style></head><body>");
        html.append("<h1>Monitoring migration report</h1><p>Cluster <b>").append(escape(cluster))
                .append("</b>").append(engine.console().cluster().identity().sandbox() ? " (sandbox)" : "")
                .append(". Generated ").append(escape(time(generated, zone))).append(".</p>");
        for (Phase phase : engine.migration().phases()) {
            html.append("<h2>Phase ").append(phase.number()).append(" — ").append(escape(phase.title()))
                    .append("</h2><table><tr><th>Step</th><th>State</th><th>Started</th><th>Finished</th>"
                            + "<th>Verification</th></tr>");
            for (MigrationStep step : phase.steps()) {
                StepRecord record = engine.record(step.id());
                html.append("<tr><td><b>").append(escape(step.title())).append("</b><div class=\"muted\">")
                        .append(escape(step.id())).append("</div></td><td>")
                        .append(escape(record.state().label())).append("</td><td>")
                        .append(escape(time(record.startedAt(), zone))).append("</td><td>")
                        .append(escape(time(record.finishedAt(), zone))).append("</td><td>");
                if (record.verdict() != null) {
                    html.append("<b class=\"").append(record.verdict().name()).append("\">")
                            .append(record.verdict().name()).append("</b>");
                } else {
                    html.append(record.state() == StepState.NOT_STARTED ? "not run" : "not verified");
                }
                if (record.lastError() != null) {
                    html.append("<div class=\"FAILED\">").append(escape(masker.maskText(record.lastError())))
                            .append("</div>");
                }
                for (String line : record.evidence()) {
                    html.append("<div class=\"ev\">").append(escape(masker.maskText(line))).append("</div>");
                }
                html.append("</td></tr>");
            }
            html.append("</table>");
        }
        html.append("<h2>Resource usage before and after</h2>");
        if (comparisonHtml.document().isPresent()) {
            html.append("<iframe title=\"before/after comparison\" srcdoc=\"")
                    .append(escape(masker.maskText(comparisonHtml.document().get()))).append("\"></iframe>");
        } else {
            html.append("<p>").append(escape(comparisonHtml.missingBecause())).append("</p>");
        }
        html.append("<p class=\"muted\">A PASSED verification means the console observed the fact in the cluster"
                + (engine.console().cluster().identity().sandbox() ? " (here: the sandbox's simulation of it)" : "")
                + "; UNVERIFIED says why it could not. Generated by Homelab Console.</p></body></html>");
        return html.toString();
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String time(Instant at, ZoneId zone) {
        return at == null ? "—" : TIME.format(at.atZone(zone));
    }

    /** The before/after comparison document, or why there is none. */
    public record ComparisonSection(Optional<String> document, String missingBecause) {
    }
}
