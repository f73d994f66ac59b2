package dev.homelab.console.reboot.run;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.buffers.BufferHistory;
import dev.homelab.console.reboot.gaps.GapAnalyzer;
import dev.homelab.console.reboot.gaps.GapReport;
import dev.homelab.console.reboot.gaps.SettledGapAnalysis;
import dev.homelab.console.reboot.logs.LogLineCounts;
import dev.homelab.console.reboot.plan.MonitoringComponent;
import dev.homelab.console.reboot.plan.NodeProfile;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.reboot.verdict.AlertClaims;
import dev.homelab.console.reboot.verdict.LogsClaims;
import dev.homelab.console.reboot.verdict.Claim;
import dev.homelab.console.reboot.verdict.MetricsClaims;
import dev.homelab.console.reboot.verdict.NodeClaims;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Sample;
import dev.homelab.console.verify.prom.Series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/** After the reboot: the evidence from VictoriaMetrics, vmagent, Loki, Vector and Alertmanager, and a verdict per claim. */
final class RebootAnalysis {

    private static final Duration BEFORE = Duration.ofMinutes(3);
    static final String VECTOR_SIZE = "sum(vector_buffer_size_bytes) or sum(vector_buffer_byte_size)";

    private final Clock clock;
    private final Duration settle;
    private final RebootMonitoring monitoring;
    private final RebootPlan plan;
    private final RebootTimeline timeline;
    private final BufferHistory history;
    private final AlertWatch alerts;

    RebootAnalysis(Clock clock, Duration settle, RebootMonitoring monitoring, RebootPlan plan, RebootTimeline timeline,
                   BufferHistory history, AlertWatch alerts) {
        this.clock = clock;
        this.settle = settle;
        this.monitoring = monitoring;
        this.plan = plan;
        this.timeline = timeline;
        this.history = history;
        this.alerts = alerts;
    }

    RebootResult analyse(Instant startedAt, String clusterName, Progress progress) {
        String node = plan.node();
        Instant requested = timeline.requestedAt() == null ? startedAt : timeline.requestedAt();
        Instant back = timeline.at(Milestone.NODE_READY).orElse(null);
        Instant windowStart = requested.minus(BEFORE);
        List<CheckResult> claims = new ArrayList<>();
        claims.add(NodeClaims.recovered(node, timeline));

        awaitQueueDrained(progress);
        claims.add(monitoring.vmagent() == null
                ? CheckResult.unverified(Claim.METRICS_BUFFERED.id(), Claim.METRICS_BUFFERED.title(),
                        monitoring.vmagentMissing(), List.of())
                : MetricsClaims.buffered(history, requested, back == null ? clock.instant() : back,
                        metricsNotExercised()));
        GapReport gaps = null;
        if (monitoring.vmsingle() == null) {
            claims.add(CheckResult.unverified("metrics-complete", "Metrics complete", monitoring.vmsingleMissing(),
                    List.of()));
        } else {
            try {
                progress.update("Reading raw samples of 'up' from VictoriaMetrics (nocache)", -1);
                var resolver = TargetsUpWait.resolver(plan);
                gaps = new SettledGapAnalysis(clock, settle, Duration.ofSeconds(10)).await(end ->
                        new GapAnalyzer(null).analyse(monitoring.vmsingle(), "up", windowStart, end, node, resolver),
                        back == null ? clock.instant() : back, progress);
                claims.add(MetricsClaims.complete(gaps));
            } catch (PromApiException e) {
                claims.add(CheckResult.unverified("metrics-complete", "Metrics complete",
                        "VictoriaMetrics did not answer the export: " + e.getMessage(), List.of()));
            }
        }
        claims.add(LogsClaims.buffered(vectorBuffer(requested), logsNotExercised()));
        claims.add(LogsClaims.complete(lineCounts(windowStart), node, requested, back, clock.instant()));
        claims.add(alertsClaim());
        return new RebootResult(node, clusterName, startedAt, clock.instant(), plan.meaning(), timeline.events(),
                history.snapshots(), gaps, claims, null);
    }

    /** Waits (bounded) until vmagent's queue is back to its level from before, so "drained" is judged at the end. */
    private void awaitQueueDrained(Progress progress) {
        Instant until = clock.instant().plus(settle);
        double baseline = history.first().map(s -> s.pendingBytes()).orElse(0.0);
        while (clock.instant().isBefore(until)) {
            progress.checkCancelled();
            double now = history.last().map(s -> s.pendingBytes()).orElse(0.0);
            double peak = history.peak().map(s -> s.pendingBytes()).orElse(Double.NaN);
            if (history.isEmpty() || BufferHistory.drained(now, baseline, peak)) {
                return;
            }
            progress.update("vmagent still holds " + MetricsClaims.bytes(now) + "; waiting for it to drain", -1);
            sleep(Duration.ofSeconds(2));
        }
    }

    private String metricsNotExercised() {
        if (plan.exercisesMetricsBuffer()) {
            return null;
        }
        NodeProfile target = plan.target().orElseThrow();
        if (target.hostsSingle(MonitoringComponent.VMAGENT)) {
            return "vmagent ran on the rebooted node itself, so there was nothing scraped to buffer";
        }
        return "vmsingle did not run on " + plan.node() + " and stayed up, so vmagent's queue was not exercised";
    }

    private String logsNotExercised() {
        return plan.exercisesLogsBuffer() ? null : "Loki did not run on " + plan.node()
                + " and stayed up, so Vector's buffer was not exercised";
    }

    private LogsClaims.VectorBuffer vectorBuffer(Instant requested) {
        String discardedQuery = "sum(increase(vector_buffer_discarded_events_total[%ds]))";
        if (monitoring.vmsingle() == null) {
            return new LogsClaims.VectorBuffer(VECTOR_SIZE, 0, 0, 0, discardedQuery, 0, monitoring.vmsingleMissing());
        }
        try {
            Instant from = requested.minus(Duration.ofMinutes(2));
            Instant to = clock.instant();
            List<Series> size = monitoring.vmsingle().queryRange(VECTOR_SIZE, from, to, Duration.ofSeconds(15));
            if (size.isEmpty() || size.get(0).samples().isEmpty()) {
                return new LogsClaims.VectorBuffer(VECTOR_SIZE, 0, 0, 0, discardedQuery, 0, "VictoriaMetrics has no "
                        + "vector_buffer_* series: Vector's internal metrics are not scraped (add a VMPodScrape for "
                        + "Vector's prometheus_exporter on :9090)");
            }
            List<Sample> samples = size.get(0).samples();
            double peak = samples.stream().mapToDouble(Sample::value).max().orElse(0);
            String discarded = discardedQuery.formatted(Duration.between(from, to).toSeconds());
            List<Series> lost = monitoring.vmsingle().query(discarded, to);
            double discardedEvents = lost.isEmpty() ? 0 : lost.get(0).value();
            return new LogsClaims.VectorBuffer(VECTOR_SIZE, samples.get(0).value(), peak,
                    samples.get(samples.size() - 1).value(), discarded, discardedEvents, null);
        } catch (PromApiException e) {
            return new LogsClaims.VectorBuffer(VECTOR_SIZE, 0, 0, 0, discardedQuery, 0,
                    "VictoriaMetrics did not answer: " + e.getMessage());
        }
    }

    private LogsClaims.LineCounts lineCounts(Instant windowStart) {
        String selector = "{node=~\".+\"}";
        Duration step = Duration.ofMinutes(1);
        String query = LogLineCounts.countQuery("node", selector, step);
        String journald = "{node=\"" + plan.node() + "\", namespace=\"host\"}";
        String journaldQuery = LogLineCounts.countQuery("node", journald, step);
        if (monitoring.loki() == null) {
            return new LogsClaims.LineCounts(query, null, journaldQuery, null, monitoring.lokiMissing());
        }
        Instant start = windowStart.truncatedTo(ChronoUnit.MINUTES);
        // a point of count_over_time counts the minute before it: the next full minute is the first point that
        // holds the lines written since the node came back
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(step);
        try {
            var perNode = monitoring.loki().countBy("node", selector, start, end, step);
            SortedMap<Instant, Long> journal = monitoring.loki().countBy("node", journald, start, end, step)
                    .getOrDefault(plan.node(), new java.util.TreeMap<>());
            return new LogsClaims.LineCounts(query, perNode, journaldQuery, journal, null);
        } catch (LogLineCounts.LogQueryException e) {
            return new LogsClaims.LineCounts(query, null, journaldQuery, null, e.getMessage());
        }
    }

    private CheckResult alertsClaim() {
        if (alerts == null) {
            return AlertClaims.firedAndResolved(plan.node(), java.util.Map.of(), Set.of(),
                    monitoring.alertmanagerMissing());
        }
        try {
            Set<String> active = alerts.poll();
            return AlertClaims.firedAndResolved(plan.node(), alerts.seen(), active, null);
        } catch (PromApiException e) {
            return AlertClaims.firedAndResolved(plan.node(), alerts.seen(), Set.of(),
                    "Alertmanager did not answer at the end: " + e.getMessage());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.homelab.console.task.CancelledException();
        }
    }

}
