package dev.homelab.console.sandbox.loki;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox's Loki (simulation key {@code loki}): answers query_range (streams, and matrix for count_over_time /
 * rate with sum/count/min/max/avg by), labels, label values, series, /ready, /config (the Loki ConfigMap the chart
 * rendered), buildinfo and the WebSocket tail, over lines produced continuously from the mock cluster's pods and
 * nodes (see {@link StreamCatalog}). Errors are worded like Loki's.
 */
public final class LokiSimulation implements SimulatedService {

    /** The simulation key on the Service label {@code sandbox.homelab.dev/simulation}. */
    public static final String KEY = "loki";
    /** Loki's {@code tail_max_duration}; a system property lets tests and the curious shorten it. */
    static final Duration TAIL_MAX_DURATION = Duration.ofMillis(
            Long.getLong("homelab.sandbox.loki.tailMaxDurationMillis", Duration.ofHours(1).toMillis()));
    private static final Logger LOG = LoggerFactory.getLogger(LokiSimulation.class);
    private static final int MAX_LIMIT = 5_000;

    private final SandboxWorld world;
    private final StreamCatalog catalog;
    private final LineSource source;
    private final ScheduledFuture<?> refresher;
    private final List<TailSession> tails = new CopyOnWriteArrayList<>();

    public LokiSimulation(SandboxWorld world) {
        this.world = world;
        this.catalog = new StreamCatalog(world.kube(), world.clock().instant(), node -> powered(world, node));
        this.source = new LineSource(catalog);
        catalog.refresh(world.clock().instant());
        this.refresher = world.scheduler().scheduleWithFixedDelay(this::refresh, 2, 2, TimeUnit.SECONDS);
    }

    private static boolean powered(SandboxWorld world, String node) {
        try {
            return world.nodes().isUp(node);
        } catch (UnsupportedOperationException | IllegalStateException noNodeControlYet) {
            return true; // the Ready condition of the Node decides alone
        }
    }

    private void refresh() {
        try {
            catalog.refresh(world.clock().instant());
        } catch (RuntimeException e) {
            LOG.warn("Simulated Loki could not read the mock cluster: {}", e.getMessage());
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (world.hasFault("loki-down")) {
            return text(503, "Loki is not ready: the ingester is not ready\n");
        }
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        if (authEnabled() && request.getHeaders().get("X-Scope-OrgID") == null && path.startsWith("/loki/api/")
                && !path.equals("/loki/api/v1/status/buildinfo")) {
            return text(401, "no org id\n");
        }
        try {
            return switch (path) {
                case "/ready" -> text(200, "ready\n");
                case "/config" -> text(200, config());
                case "/loki/api/v1/status/buildinfo" -> json(buildInfo());
                case "/loki/api/v1/query_range" -> queryRange(url);
                case "/loki/api/v1/labels" -> labels(url);
                case "/loki/api/v1/series" -> series(url);
                case "/loki/api/v1/tail" -> tail(url);
                default -> {
                    if (path.startsWith("/loki/api/v1/label/") && path.endsWith("/values")) {
                        yield labelValues(url, path.substring(19, path.length() - 7));
                    }
                    yield text(404, "404 page not found\n");
                }
            };
        } catch (LogQlException e) {
            return text(400, e.getMessage() + "\n");
        } catch (IllegalArgumentException e) {
            return text(400, e.getMessage() + "\n");
        }
    }

    private MockResponse queryRange(HttpUrl url) {
        String query = required(url, "query");
        long end = time(url.queryParameter("end"), now());
        long start = time(url.queryParameter("start"), end - Duration.ofHours(1).toNanos());
        if (end <= start) {
            throw new IllegalArgumentException("end timestamp must not be before or equal to start time");
        }
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ObjectNode data = body.putObject("data");
        if (LogQl.isMetric(query)) {
            LogQl.MetricQuery metric = LogQl.parseMetric(query);
            long step = stepNanos(url.queryParameter("step"), start, end);
            data.put("resultType", "matrix");
            ArrayNode result = data.putArray("result");
            source.metric(metric, start, end, step).forEach((labels, points) -> {
                ObjectNode series = result.addObject();
                ObjectNode metricNode = series.putObject("metric");
                labels.forEach(metricNode::put);
                ArrayNode values = series.putArray("values");
                points.forEach((t, v) -> values.addArray().add(t / 1_000_000_000L)
                        .add(v == Math.rint(v) ? Long.toString(v.longValue()) : Double.toString(v)));
            });
        } else {
            LogQl.LogSelector selector = LogQl.parseLog(query);
            int limit = Integer.parseInt(java.util.Optional.ofNullable(url.queryParameter("limit")).orElse("100"));
            if (limit > MAX_LIMIT) {
                throw new IllegalArgumentException("max entries limit per query exceeded, limit > max_entries_limit"
                        + " (" + limit + " > " + MAX_LIMIT + ")");
            }
            boolean backward = !"forward".equalsIgnoreCase(url.queryParameter("direction"));
            List<SimLine> lines = source.lines(selector, start, end, limit, backward);
            data.put("resultType", "streams");
            data.set("result", streams(lines));
            data.putObject("stats").putObject("summary").put("totalLinesProcessed", lines.size())
                    .put("totalBytesProcessed", lines.stream().mapToLong(l -> l.line().length()).sum());
        }
        return json(body);
    }

    private MockResponse labels(HttpUrl url) {
        TreeSet<String> names = new TreeSet<>();
        streamsInWindow(url).forEach(s -> names.addAll(s.labels().keySet()));
        return json(envelope(names));
    }

    private MockResponse labelValues(HttpUrl url, String label) {
        TreeSet<String> values = new TreeSet<>();
        streamsInWindow(url).forEach(s -> {
            String value = s.labels().get(label);
            if (value != null) {
                values.add(value);
            }
        });
        return json(envelope(values));
    }

    private MockResponse series(HttpUrl url) {
        List<String> matches = url.queryParameterValues("match[]").stream().filter(java.util.Objects::nonNull)
                .toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("at least one match[] argument is required");
        }
        long end = time(url.queryParameter("end"), now());
        long start = time(url.queryParameter("start"), end - Duration.ofHours(1).toNanos());
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ArrayNode data = body.putArray("data");
        Set<Map<String, String>> seen = new java.util.HashSet<>();
        for (String match : matches) {
            LogQl.LogSelector selector = LogQl.parseLog(match);
            for (SimStream stream : source.matching(selector)) {
                if (overlaps(stream, start, end) && seen.add(stream.labels())) {
                    ObjectNode item = data.addObject();
                    new TreeMap<>(stream.labels()).forEach(item::put);
                }
            }
        }
        return json(body);
    }

    private MockResponse tail(HttpUrl url) {
        LogQl.LogSelector selector = LogQl.parseLog(required(url, "query"));
        long start = time(url.queryParameter("start"), now() - Duration.ofHours(1).toNanos());
        int limit = Integer.parseInt(java.util.Optional.ofNullable(url.queryParameter("limit")).orElse("100"));
        long delay = Long.parseLong(java.util.Optional.ofNullable(url.queryParameter("delay_for")).orElse("0"));
        if (delay < 0 || delay > 5) {
            throw new IllegalArgumentException("delay_for can't be greater than 5");
        }
        TailSession[] holder = new TailSession[1];
        holder[0] = new TailSession(source, selector, start, limit, Duration.ofSeconds(delay), TAIL_MAX_DURATION,
                world.clock(), world.scheduler(), () -> tails.remove(holder[0]));
        tails.add(holder[0]);
        return new MockResponse.Builder().webSocketUpgrade(holder[0]).build();
    }

    private List<SimStream> streamsInWindow(HttpUrl url) {
        long end = time(url.queryParameter("end"), now());
        long start = time(url.queryParameter("start"), end - Duration.ofHours(6).toNanos());
        String query = url.queryParameter("query");
        LogQl.LogSelector selector = query == null || query.isBlank() ? null : LogQl.parseLog(query);
        return catalog.streams().stream()
                .filter(s -> overlaps(s, start, end) && (selector == null || selector.selects(s.labels())))
                .toList();
    }

    private static boolean overlaps(SimStream stream, long start, long end) {
        return stream.fromNanos() < end && stream.untilNanos() > start;
    }

    private boolean authEnabled() {
        return configMap().map(yaml -> {
            try {
                return Json.YAML.readTree(yaml).path("auth_enabled").asBoolean(false);
            } catch (RuntimeException e) {
                return false;
            }
        }).orElse(false);
    }

    private String config() {
        return configMap().orElse("""
                auth_enabled: false
                server:
                  http_listen_port: 3100
                common:
                  replication_factor: 1
                  storage:
                    s3:
                      bucketnames: loki-chunks
                      endpoint: minio.minio.svc:9000
                      s3forcepathstyle: true
                      insecure: true
                schema_config:
                  configs:
                  - from: "2024-04-01"
                    store: tsdb
                    object_store: s3
                    schema: v13
                    index:
                      prefix: loki_index_
                      period: 24h
                """);
    }

    private java.util.Optional<String> configMap() {
        for (ConfigMap map : world.kube().configMaps().inAnyNamespace().withLabel("app.kubernetes.io/name", "loki")
                .list().getItems()) {
            if (map.getData() != null && map.getData().containsKey("config.yaml")) {
                return java.util.Optional.of(map.getData().get("config.yaml"));
            }
        }
        return java.util.Optional.empty();
    }

    private ObjectNode buildInfo() {
        String version = "3.6.7";
        for (Pod pod : world.kube().pods().inAnyNamespace().withLabel("app.kubernetes.io/name", "loki").list()
                .getItems()) {
            for (var container : pod.getSpec().getContainers()) {
                if (container.getName().equals("loki") && container.getImage().contains(":")) {
                    version = container.getImage().substring(container.getImage().lastIndexOf(':') + 1);
                }
            }
        }
        return Json.JSON.createObjectNode().put("version", version).put("revision", "sandbox")
                .put("branch", "HEAD").put("goVersion", "go1.24.6");
    }

    private static ArrayNode streams(List<SimLine> lines) {
        Map<SimStream, List<SimLine>> byStream = new java.util.LinkedHashMap<>();
        lines.forEach(l -> byStream.computeIfAbsent(l.stream(), s -> new java.util.ArrayList<>()).add(l));
        ArrayNode result = Json.JSON.createArrayNode();
        byStream.forEach((stream, streamLines) -> {
            ObjectNode item = result.addObject();
            ObjectNode labels = item.putObject("stream");
            new TreeMap<>(stream.labels()).forEach(labels::put);
            ArrayNode values = item.putArray("values");
            streamLines.forEach(l -> values.addArray().add(Long.toString(l.nanos())).add(l.line()));
        });
        return result;
    }

    private static ObjectNode envelope(java.util.Collection<String> values) {
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ArrayNode data = body.putArray("data");
        values.forEach(data::add);
        return body;
    }

    private static String required(HttpUrl url, String name) {
        String value = url.queryParameter(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("parse error : queries require at least one regexp or equality "
                    + "matcher that does not have an empty-compatible value");
        }
        return value;
    }

    /** Loki accepts ns epoch, float seconds or RFC 3339. */
    static long time(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.matches("\\d+")) {
            long number = Long.parseLong(value);
            return value.length() > 12 ? number : number * 1_000_000_000L;
        }
        if (value.matches("\\d+\\.\\d+")) {
            return (long) (Double.parseDouble(value) * 1e9);
        }
        try {
            return StreamCatalog.nanos(java.time.Instant.parse(value));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    private static long stepNanos(String value, long start, long end) {
        if (value == null || value.isBlank()) {
            return Math.max(1_000_000_000L, (end - start) / 250 / 1_000_000_000L * 1_000_000_000L);
        }
        if (value.matches("\\d+(\\.\\d+)?")) {
            return (long) (Double.parseDouble(value) * 1e9);
        }
        return LogQl.duration(value, 1);
    }

    private long now() {
        return StreamCatalog.nanos(world.clock().instant());
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    private static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain; charset=utf-8")
                .body(body).build();
    }

    @Override
    public void close() {
        refresher.cancel(false);
        tails.forEach(TailSession::stop);
    }
}
