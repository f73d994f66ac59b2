package dev.homelab.console.logs;

import dev.homelab.console.util.Json;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Loki fake on mockwebserver3 that answers with the documented shapes of Loki's HTTP and WebSocket API:
 * query_range (streams / matrix for count_over_time), labels, label values, series, /ready, buildinfo and
 * /loki/api/v1/tail (replay from {@code start} up to {@code limit}, then pushed lines, dropped_entries notices).
 * Only equality matchers are understood, which is all these tests need. Tests can make the next answers fail
 * and close open tails as Loki does at its maximum tail duration ({@link DroppingProxy} breaks them abruptly).
 */
final class FakeLoki implements AutoCloseable {

    record Line(Map<String, String> labels, long nanos, String line) {
    }

    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");

    private final MockWebServer server = new MockWebServer();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Map<WebSocket, Map<String, String>> tails = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<MockResponse> failures = new ConcurrentLinkedQueue<>();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tailsOpened = new AtomicInteger();
    volatile String requiredTenant;

    FakeLoki() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answer(request);
            }
        });
        server.start();
    }

    URI uri() {
        return server.url("/").uri();
    }

    LokiConnection connection() {
        return LokiConnection.fixed(new LokiEndpoint(uri(), Optional.empty(), "fake Loki"));
    }

    void add(Map<String, String> labels, long nanos, String line) {
        lines.add(new Line(labels, nanos, line));
    }

    /** Stores the line and sends it to every open tail whose selector matches. */
    void push(Map<String, String> labels, long nanos, String line) {
        Line entry = new Line(labels, nanos, line);
        lines.add(entry);
        tails.forEach((tail, selector) -> {
            if (matches(selector, labels)) {
                tail.send(message(List.of(entry), List.of()));
            }
        });
    }

    void pushDropped(Map<String, String> labels, long nanos) {
        tails.keySet().forEach(tail -> tail.send(message(List.of(), List.of(new Line(labels, nanos, "")))));
    }

    /** The next requests (any path, including a tail handshake) get these answers. */
    void failNext(MockResponse... responses) {
        failures.addAll(List.of(responses));
    }

    /** Closes every open tail the way Loki does at tail_max_duration. */
    void closeTails(String reason) {
        tails.keySet().forEach(tail -> tail.close(1000, reason));
        tails.clear();
    }

    int openTails() {
        return tails.size();
    }

    List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
    }

    private MockResponse answer(RecordedRequest request) {
        MockResponse failure = failures.poll();
        if (failure != null) {
            return failure;
        }
        if (requiredTenant != null && !requiredTenant.equals(request.getHeaders().get(LokiClient.TENANT_HEADER))) {
            return new MockResponse.Builder().code(401).body("no org id\n").build();
        }
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        return switch (path) {
            case "/ready" -> new MockResponse.Builder().body("ready\n").build();
            case "/loki/api/v1/status/buildinfo" -> json("{\"version\":\"3.7.6\",\"revision\":\"abc\"}");
            case "/loki/api/v1/query_range" -> queryRange(url);
            case "/loki/api/v1/labels" -> labels();
            case "/loki/api/v1/series" -> series(url);
            case "/loki/api/v1/tail" -> tail(url);
            default -> path.startsWith("/loki/api/v1/label/") && path.endsWith("/values")
                    ? labelValues(path.substring("/loki/api/v1/label/".length(), path.length() - "/values".length()))
                    : new MockResponse.Builder().code(404).body("404 page not found\n").build();
        };
    }

    private MockResponse queryRange(HttpUrl url) {
        String query = url.queryParameter("query");
        long start = Long.parseLong(url.queryParameter("start"));
        long end = Long.parseLong(url.queryParameter("end"));
        if (query.startsWith("sum(count_over_time(")) {
            return countOverTime(query, start, end, url.queryParameter("step"));
        }
        if (!query.startsWith("{")) {
            return new MockResponse.Builder().code(400)
                    .body("parse error at line 1, col 1: syntax error: unexpected IDENTIFIER").build();
        }
        int limit = Integer.parseInt(Optional.ofNullable(url.queryParameter("limit")).orElse("100"));
        boolean backward = !"forward".equals(url.queryParameter("direction"));
        Map<String, String> selector = selector(query);
        Comparator<Line> byTime = Comparator.comparingLong(Line::nanos);
        List<Line> selected = lines.stream()
                .filter(l -> matches(selector, l.labels()) && l.nanos() >= start && l.nanos() < end)
                .sorted(backward ? byTime.reversed() : byTime)
                .limit(limit)
                .toList();
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ObjectNode data = body.putObject("data").put("resultType", "streams");
        data.set("result", streams(selected));
        data.putObject("stats").putObject("summary").put("totalBytesProcessed", 1234);
        return json(body.toString());
    }

    private MockResponse countOverTime(String query, long start, long end, String stepParam) {
        Map<String, String> selector = selector(query.substring(query.indexOf('{')));
        long step = Long.parseLong(stepParam.replace("s", "")) * 1_000_000_000L;
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ObjectNode data = body.putObject("data").put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        ObjectNode series = result.addObject();
        series.putObject("metric");
        ArrayNode values = series.putArray("values");
        for (long t = start; t <= end; t += step) {
            long at = t;
            long count = lines.stream().filter(l -> matches(selector, l.labels())
                    && l.nanos() > at - step && l.nanos() <= at).count();
            if (count > 0) {
                values.addArray().add(at / 1e9).add(Long.toString(count));
            }
        }
        return json(body.toString());
    }

    private MockResponse labels() {
        TreeSet<String> names = new TreeSet<>();
        lines.forEach(l -> names.addAll(l.labels().keySet()));
        return json(envelope(names));
    }

    private MockResponse labelValues(String name) {
        TreeSet<String> values = new TreeSet<>();
        lines.forEach(l -> Optional.ofNullable(l.labels().get(name)).ifPresent(values::add));
        return json(envelope(values));
    }

    private MockResponse series(HttpUrl url) {
        Map<String, String> selector = selector(url.queryParameter("match[]"));
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ArrayNode data = body.putArray("data");
        lines.stream().map(Line::labels).filter(l -> matches(selector, l)).distinct()
                .forEach(labels -> {
                    ObjectNode item = data.addObject();
                    labels.forEach(item::put);
                });
        return json(body.toString());
    }

    private MockResponse tail(HttpUrl url) {
        Map<String, String> selector = selector(url.queryParameter("query"));
        long start = Long.parseLong(url.queryParameter("start"));
        int limit = Integer.parseInt(url.queryParameter("limit"));
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                tailsOpened.incrementAndGet();
                List<Line> replay = lines.stream()
                        .filter(l -> matches(selector, l.labels()) && l.nanos() >= start)
                        .sorted(Comparator.comparingLong(Line::nanos))
                        .toList();
                if (replay.size() > limit) {
                    replay = replay.subList(replay.size() - limit, replay.size());
                }
                if (!replay.isEmpty()) {
                    webSocket.send(message(replay, List.of()));
                }
                tails.put(webSocket, selector);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                tails.remove(webSocket);
                webSocket.close(1000, null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                tails.remove(webSocket);
            }
        }).build();
    }

    private static String message(List<Line> entries, List<Line> dropped) {
        ObjectNode message = Json.JSON.createObjectNode();
        message.set("streams", streams(entries));
        if (!dropped.isEmpty()) {
            ArrayNode items = message.putArray("dropped_entries");
            for (Line line : dropped) {
                ObjectNode item = items.addObject();
                ObjectNode labels = item.putObject("labels");
                line.labels().forEach(labels::put);
                item.put("timestamp", Long.toString(line.nanos()));
            }
        }
        return message.toString();
    }

    private static ArrayNode streams(List<Line> entries) {
        Map<Map<String, String>, List<Line>> byStream = new java.util.LinkedHashMap<>();
        entries.forEach(l -> byStream.computeIfAbsent(l.labels(), k -> new ArrayList<>()).add(l));
        ArrayNode result = Json.JSON.createArrayNode();
        byStream.forEach((labels, streamLines) -> {
            ObjectNode stream = result.addObject();
            ObjectNode labelNode = stream.putObject("stream");
            labels.forEach(labelNode::put);
            ArrayNode values = stream.putArray("values");
            streamLines.forEach(l -> values.addArray().add(Long.toString(l.nanos())).add(l.line()));
        });
        return result;
    }

    private static String envelope(java.util.Collection<String> values) {
        ObjectNode body = Json.JSON.createObjectNode().put("status", "success");
        ArrayNode data = body.putArray("data");
        values.forEach(data::add);
        return body.toString();
    }

    private static Map<String, String> selector(String query) {
        Map<String, String> selector = new TreeMap<>();
        if (query == null) {
            return selector;
        }
        Matcher matcher = MATCHER.matcher(query.substring(0, query.indexOf('}') + 1));
        while (matcher.find()) {
            selector.put(matcher.group(1), matcher.group(2));
        }
        return selector;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        closeTails("shutting down");
        server.close();
    }
}
