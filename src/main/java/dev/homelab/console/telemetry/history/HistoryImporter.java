package dev.homelab.console.telemetry.history;

import dev.homelab.console.telemetry.Component;
import dev.homelab.console.telemetry.ComponentClassifier;
import dev.homelab.console.telemetry.SeriesKey;
import dev.homelab.console.telemetry.Tick;
import dev.homelab.console.telemetry.Usage;
import dev.homelab.console.telemetry.store.ImportRecord;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import dev.homelab.console.verify.prom.Sample;
import dev.homelab.console.verify.prom.Series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Fills the ranges the app did not sample itself from a Prometheus-compatible database with {@code query_range}.
 * Node usage comes from cAdvisor's root cgroup ({@code id="/"}, the quantity metrics-server reports) or, when the
 * kubelet is not scraped, from node-exporter; per-pod usage from cAdvisor containers, attributed to components by
 * what the app remembers of each pod (or, for pods it never saw, by their name). The node label is detected, not
 * assumed, and every line keeps its exact query.
 */
public final class HistoryImporter {

    private static final Pattern POD_SUFFIX = Pattern.compile("-[a-z0-9]{8,10}-[a-z0-9]{5}$|-[a-z0-9]{5}$|-\\d+$");

    /** A way to read node usage: the selector used to detect the node label, and the two queries. */
    record NodeQueries(String name, String detectMatch, String memory, String cpu) {
    }

    static final List<NodeQueries> NODE_QUERIES = List.of(
            new NodeQueries("cAdvisor root cgroup", "container_memory_working_set_bytes{id=\"/\"}",
                    "max by (%1$s) (container_memory_working_set_bytes{id=\"/\"})",
                    "max by (%1$s) (rate(container_cpu_usage_seconds_total{id=\"/\"}[%2$s]))"),
            new NodeQueries("node-exporter", "node_memory_MemAvailable_bytes",
                    "max by (%1$s) (node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes)",
                    "sum by (%1$s) (rate(node_cpu_seconds_total{mode!~\"idle|iowait|steal\"}[%2$s]))"));

    static final String POD_DETECT = "container_memory_working_set_bytes{container!=\"\",container!=\"POD\"}";
    static final String POD_MEMORY = "sum by (namespace, pod, %1$s) (container_memory_working_set_bytes"
            + "{container!=\"\",container!=\"POD\"})";
    static final String POD_CPU = "sum by (namespace, pod, %1$s) (rate(container_cpu_usage_seconds_total"
            + "{container!=\"\",container!=\"POD\"}[%2$s]))";

    private final PromApiClient client;
    private final String source;
    private final SampleStore store;
    private final Map<String, String> nodeIps;

    public HistoryImporter(PromApiClient client, String source, SampleStore store, Map<String, String> nodeIps) {
        this.client = client;
        this.source = source;
        this.store = store;
        this.nodeIps = Map.copyOf(nodeIps);
    }

    /** Fills the parts of [from, to] without local samples; does nothing when the app sampled all of it. */
    public HistoryImport fill(Instant from, Instant to) throws PromApiException {
        long interval = store.interval(from.toEpochMilli(), to.toEpochMilli()).orElse(Duration.ofSeconds(15))
                .toMillis();
        List<long[]> missing = MissingRanges.find(store.ticks(from.toEpochMilli(), to.toEpochMilli()),
                from.toEpochMilli(), to.toEpochMilli(), interval * 5 / 2, interval);
        List<String> problems = new ArrayList<>();
        if (missing.isEmpty()) {
            return new HistoryImport(source, "", missing, 0, List.of(), List.of());
        }
        for (NodeQueries queries : NODE_QUERIES) {
            Optional<NodeLabel> label = NodeLabelDetector.detect(client, queries.detectMatch(), from, to, nodeIps);
            if (label.isEmpty()) {
                problems.add("No " + queries.name() + " series (" + queries.detectMatch() + ") with a label naming"
                        + " the cluster's nodes (" + String.join(", ", NodeLabelDetector.CANDIDATES) + ") in " + source);
                continue;
            }
            return importWith(queries, label.get(), missing, problems);
        }
        return new HistoryImport(source, "", missing, 0, List.of(), problems);
    }

    private HistoryImport importWith(NodeQueries queries, NodeLabel label, List<long[]> missing,
                                     List<String> problems) throws PromApiException {
        TreeMap<Long, Map<SeriesKey, Usage>> rounds = new TreeMap<>();
        Map<String, HistoryLine> lines = new LinkedHashMap<>();
        long step = 0;
        Optional<NodeLabel> podLabel = Optional.empty();
        for (long[] range : missing) {
            Instant start = Instant.ofEpochMilli(range[0]);
            Instant end = Instant.ofEpochMilli(range[1]);
            Duration stepDuration = step(range[1] - range[0]);
            step = stepDuration.toMillis();
            String window = Math.max(120, stepDuration.toSeconds() * 2) + "s";
            String memory = String.format(queries.memory(), label.label(), window);
            String cpu = String.format(queries.cpu(), label.label(), window);
            collect(client.queryRange(memory, start, end, stepDuration), label, null, memory, "memory", rounds, lines);
            collect(client.queryRange(cpu, start, end, stepDuration), label, null, cpu, "cpu", rounds, lines);
            if (podLabel.isEmpty()) {
                podLabel = NodeLabelDetector.detect(client, POD_DETECT, start, end, nodeIps);
            }
            if (podLabel.isPresent()) {
                String podMemory = String.format(POD_MEMORY, podLabel.get().label(), window);
                String podCpu = String.format(POD_CPU, podLabel.get().label(), window);
                collect(client.queryRange(podMemory, start, end, stepDuration), podLabel.get(), store.knownPods(),
                        podMemory, "memory", rounds, lines);
                collect(client.queryRange(podCpu, start, end, stepDuration), podLabel.get(), store.knownPods(),
                        podCpu, "cpu", rounds, lines);
            } else {
                problems.add("No per-container series with a node label in " + source + ": components not filled");
            }
        }
        Map<String, Usage> allocatable = store.allocatable();
        for (Map.Entry<Long, Map<SeriesKey, Usage>> round : rounds.entrySet()) {
            store.append(new Tick(round.getKey(), step, round.getValue(), allocatable));
        }
        List<String> queryTexts = lines.values().stream().map(HistoryLine::query).distinct().toList();
        for (long[] range : missing) {
            store.recordImport(new ImportRecord(range[0], range[1], source, queryTexts));
        }
        return new HistoryImport(source, label.label() + " (" + label.how() + ")", missing, rounds.size(),
                new ArrayList<>(lines.values()), problems);
    }

    private static void collect(List<Series> result, NodeLabel label, Map<String, String> pods, String query,
                                String metric, TreeMap<Long, Map<SeriesKey, Usage>> rounds,
                                Map<String, HistoryLine> lines) {
        for (Series series : result) {
            String node = label.valueToNode().get(series.label(label.label()));
            if (node == null) {
                continue;
            }
            SeriesKey key;
            if (pods == null) {
                key = SeriesKey.node(node);
            } else {
                Optional<Component> component = componentOf(series.label("namespace"), series.label("pod"), pods);
                if (component.isEmpty()) {
                    continue;
                }
                key = SeriesKey.component(node, component.get());
            }
            for (Sample sample : series.samples()) {
                if (Double.isNaN(sample.value())) {
                    continue;
                }
                Usage usage = metric.equals("cpu") ? new Usage(sample.value(), 0) : new Usage(0, sample.value());
                rounds.computeIfAbsent(sample.timestampMillis(), t -> new HashMap<>()).merge(key, usage, Usage::plus);
            }
            lines.putIfAbsent(key + metric, new HistoryLine(node, key.component(), metric, query,
                    series.labels().toString()));
        }
    }

    static Optional<Component> componentOf(String namespace, String pod, Map<String, String> knownPods) {
        String known = knownPods.get(namespace + "/" + pod);
        if (known != null) {
            return Optional.of(Component.fromKey(known));
        }
        return ComponentClassifier.kindFromName(POD_SUFFIX.matcher(pod).replaceFirst("")).map(Component::of);
    }

    /** 15 s like the sampler, coarser for long ranges so no query asks for more than 5,000 points a series. */
    static Duration step(long rangeMillis) {
        long seconds = Math.max(15, (long) Math.ceil(rangeMillis / 1000.0 / 5000));
        return Duration.ofSeconds(seconds);
    }
}
