package dev.homelab.console.migration.phase3;

import dev.homelab.console.cluster.ServiceBackends;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.logs.LogQuery;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.MetricSeries;
import dev.homelab.console.logs.QueryResult;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.vector.VectorAgentConfig;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.prom.MetricsText;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What proves the logs pipeline works, each observed: a Ready Vector pod on every node, lines from every node in Loki,
 * {@code {namespace="kube-system"}} answering, and Vector's own counters showing no sink errors and nothing discarded.
 */
final class VectorChecks {

    static final Duration WINDOW = Duration.ofMinutes(10);

    private VectorChecks() {
    }

    static CheckResult podsOnEveryNode(StepContext context, String namespace, String release) {
        String title = "A Vector pod is Ready on every node";
        Set<String> nodes = context.kube().nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        List<Pod> pods = context.kube().pods().inNamespace(namespace)
                .withLabel("app.kubernetes.io/instance", release).list().getItems();
        Set<String> readyOn = pods.stream().filter(ServiceBackends::isReady).map(p -> p.getSpec().getNodeName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(nodes);
        missing.removeAll(readyOn);
        List<Evidence> evidence = pods.stream().map(p -> new Evidence("pod " + p.getMetadata().getName(),
                "node " + p.getSpec().getNodeName() + ", " + (ServiceBackends.isReady(p) ? "Ready" : "not Ready"))).toList();
        return missing.isEmpty()
                ? CheckResult.passed("vector-pods", title, readyOn.size() + " of " + nodes.size() + " nodes", evidence)
                : CheckResult.failed("vector-pods", title, "no Ready Vector pod on " + String.join(", ", missing),
                evidence);
    }

    static CheckResult linesFromEveryNode(StepContext context, LokiClient loki, Instant now) {
        String title = "Logs from every node arrive in Loki";
        String logql = "sum by (node) (count_over_time({job=~\"kubernetes-pods|journald\"}[" + WINDOW.toMinutes()
                + "m]))";
        Set<String> nodes = context.kube().nodes().list().getItems().stream().map(Node::getMetadata)
                .map(m -> m.getName()).collect(Collectors.toCollection(TreeSet::new));
        try {
            List<MetricSeries> series = loki.queryMetricRange(logql, now.minus(Duration.ofMinutes(1)), now,
                    Duration.ofMinutes(1));
            Map<String, Double> perNode = series.stream().collect(Collectors.toMap(
                    s -> s.metric().getOrDefault("node", ""),
                    s -> s.samples().isEmpty() ? 0 : s.samples().get(s.samples().size() - 1).value(), Double::sum));
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence("LogQL " + logql, perNode.toString()));
            Set<String> silent = nodes.stream().filter(n -> perNode.getOrDefault(n, 0.0) <= 0)
                    .collect(Collectors.toCollection(TreeSet::new));
            return silent.isEmpty()
                    ? CheckResult.passed("vector-lines-per-node", title, "lines from all " + nodes.size()
                    + " nodes in the last " + WINDOW.toMinutes() + " min", evidence)
                    : CheckResult.failed("vector-lines-per-node", title, "no lines in the last " + WINDOW.toMinutes()
                    + " min from " + String.join(", ", silent), evidence);
        } catch (LokiException e) {
            return CheckResult.unverified("vector-lines-per-node", title, e.getMessage(), List.of());
        }
    }

    static CheckResult kubeSystemLines(LokiClient loki, Instant now) {
        String title = "{namespace=\"kube-system\"} returns lines";
        String logql = "{namespace=\"kube-system\"}";
        try {
            QueryResult result = loki.queryRange(LogQuery.lastPeriod(logql, WINDOW, 20, LogQuery.Direction.BACKWARD,
                    now));
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence("LogQL " + logql + " (last " + WINDOW.toMinutes() + " min, limit 20)",
                    result.entries().size() + " lines"));
            result.entries().stream().limit(3).forEach(e -> evidence.add(new Evidence(e.timestamp().toString(),
                    abbreviate(e.line()))));
            return result.entries().isEmpty()
                    ? CheckResult.failed("loki-kube-system", title, "Loki has no kube-system lines in the last "
                    + WINDOW.toMinutes() + " min", evidence)
                    : CheckResult.passed("loki-kube-system", title, result.entries().size() + " lines, newest "
                    + result.entries().get(0).timestamp(), evidence);
        } catch (LokiException e) {
            return CheckResult.unverified("loki-kube-system", title, e.getMessage(), List.of());
        }
    }

    /** Vector's internal metrics through its Service: sink errors and discarded buffer events must be zero. */
    static CheckResult sinkHealthy(StepContext context, String namespace, String release) {
        String title = "Vector's Loki sink has no errors and discarded nothing";
        ServiceRef service = new ServiceRef(namespace, release, VectorAgentConfig.METRICS_PORT);
        try {
            PromApiClient client = new PromApiClient(context.cluster().services().open(service).baseUri(), false);
            MetricsText metrics = client.scrape("/metrics");
            double errors = metrics.sum("vector_component_errors_total",
                    l -> VectorAgentConfig.LOKI_SINK.equals(l.get("component_id")));
            double discarded = metrics.sum("vector_buffer_discarded_events_total");
            double sent = metrics.sum("vector_component_sent_events_total",
                    l -> VectorAgentConfig.LOKI_SINK.equals(l.get("component_id")));
            List<Evidence> evidence = List.of(new Evidence("GET /metrics of " + service,
                    "vector_component_errors_total{component_id=\"loki\"} = " + zeroIfNaN(errors)
                            + ", vector_buffer_discarded_events_total = " + zeroIfNaN(discarded)
                            + ", vector_component_sent_events_total{component_id=\"loki\"} = " + zeroIfNaN(sent)));
            if (Double.isNaN(sent)) {
                return CheckResult.unverified("vector-sink", title, "the metrics of " + service
                        + " carry no counters of the loki sink (is it Vector's prometheus_exporter?)", evidence);
            }
            boolean healthy = zeroIfNaN(errors) == 0 && zeroIfNaN(discarded) == 0 && sent > 0;
            return healthy ? CheckResult.passed("vector-sink", title, (long) sent + " events sent, 0 errors, 0 "
                    + "discarded (one pod sampled through the Service)", evidence)
                    : CheckResult.failed("vector-sink", title, sent <= 0 ? "nothing was sent to Loki yet"
                    : "errors or discarded events: see the counters", evidence);
        } catch (ServiceUnreachableException | PromApiException e) {
            return CheckResult.unverified("vector-sink", title, e.getMessage(), List.of());
        }
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }


    private static String abbreviate(String line) {
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
