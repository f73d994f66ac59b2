package dev.homelab.console.verify.prom;

import dev.homelab.console.cluster.ServiceEndpoint;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Client for the Prometheus-compatible HTTP API that Prometheus, VictoriaMetrics single and vmselect serve:
 * instant and range queries (POST form, like Grafana), VictoriaMetrics' raw {@code /api/v1/export}, and the text
 * exposition format of any {@code /metrics}. The same code talks to real servers, to the Debian servers in tests and
 * to the sandbox's simulations.
 */
public final class PromApiClient {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(30, TimeUnit.SECONDS)
            .build();

    private final HttpUrl base;
    private final OkHttpClient http;
    private final boolean bypassCache;

    /**
     * @param base        server root, e.g. {@code http://127.0.0.1:8428}
     * @param bypassCache send {@code nocache=1} (VictoriaMetrics' rollup cache hides backfilled data after outages)
     */
    public PromApiClient(URI base, boolean bypassCache) {
        this(base, bypassCache, SHARED);
    }

    public PromApiClient(URI base, boolean bypassCache, OkHttpClient http) {
        HttpUrl parsed = HttpUrl.get(base.toString());
        this.base = parsed;
        this.http = http;
        this.bypassCache = bypassCache;
    }

    public static PromApiClient of(ServiceEndpoint endpoint, boolean bypassCache) {
        return new PromApiClient(endpoint.baseUri(), bypassCache);
    }

    public URI baseUri() {
        return base.uri();
    }

    /** {@code /api/v1/query}: one series per result element, each with one sample. */
    public List<Series> query(String promql, Instant time) throws PromApiException {
        FormBody.Builder form = new FormBody.Builder().add("query", promql);
        if (time != null) {
            form.add("time", seconds(time));
        }
        return parseResult(post("/api/v1/query", form), promql);
    }

    /** {@code /api/v1/query_range} with an explicit step (deterministic buckets). */
    public List<Series> queryRange(String promql, Instant start, Instant end, Duration step) throws PromApiException {
        FormBody.Builder form = new FormBody.Builder()
                .add("query", promql)
                .add("start", seconds(start))
                .add("end", seconds(end))
                .add("step", step.toSeconds() + "s");
        return parseResult(post("/api/v1/query_range", form), promql);
    }

    /** {@code /api/v1/series}: label sets of the series that match. */
    public List<Map<String, String>> series(String match, Instant start, Instant end) throws PromApiException {
        FormBody.Builder form = new FormBody.Builder().add("match[]", match);
        if (start != null) {
            form.add("start", seconds(start));
        }
        if (end != null) {
            form.add("end", seconds(end));
        }
        JsonNode data = post("/api/v1/series", form);
        List<Map<String, String>> result = new ArrayList<>();
        for (JsonNode item : data) {
            result.add(labels(item));
        }
        return result;
    }

    /**
     * VictoriaMetrics' raw samples ({@code /api/v1/export}, JSON lines {@code {metric, values[], timestamps[]}}):
     * the truth for gap analysis, unaffected by lookback filling.
     */
    public List<Series> export(String match, Instant start, Instant end) throws PromApiException {
        HttpUrl url = base.newBuilder().addPathSegments("api/v1/export")
                .addQueryParameter("match[]", match)
                .addQueryParameter("start", seconds(start))
                .addQueryParameter("end", seconds(end))
                .build();
        String body = get(url);
        List<Series> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(body))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode values = node.path("values");
                JsonNode timestamps = node.path("timestamps");
                List<Sample> samples = new ArrayList<>(values.size());
                for (int i = 0; i < values.size() && i < timestamps.size(); i++) {
                    samples.add(new Sample(timestamps.get(i).asLong(), values.get(i).asDouble()));
                }
                result.add(new Series(labels(node.path("metric")), samples));
            }
        } catch (IOException | RuntimeException e) {
            throw new PromApiException("Unreadable export answer from " + describe(url) + ": " + e.getMessage(), 200, e);
        }
        return result;
    }

    /** Any text exposition endpoint, e.g. {@code /metrics} of vmagent or Alertmanager. */
    public MetricsText scrape(String path) throws PromApiException {
        HttpUrl url = base.newBuilder().encodedPath(path).build();
        return MetricsText.parse(get(url));
    }

    /** A plain GET returning the body (for {@code /health}, {@code /ready}, JSON APIs of vmagent/vmalert). */
    public String getText(String pathAndQuery) throws PromApiException {
        HttpUrl url = HttpUrl.get(base.toString().replaceAll("/$", "") + pathAndQuery);
        return get(url);
    }

    private JsonNode post(String path, FormBody.Builder form) throws PromApiException {
        if (bypassCache) {
            form.add("nocache", "1");
        }
        HttpUrl url = base.newBuilder().addPathSegments(path.substring(1)).build();
        Request request = new Request.Builder().url(url).post(form.build()).build();
        return envelope(call(request), url);
    }

    private String get(HttpUrl url) throws PromApiException {
        Request request = new Request.Builder().url(url).get().build();
        Answer answer = call(request);
        if (answer.status / 100 != 2) {
            throw new PromApiException(describe(url) + " answered HTTP " + answer.status + ": " + abbreviate(answer.body),
                    answer.status, null);
        }
        return answer.body;
    }

    private Answer call(Request request) throws PromApiException {
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            return new Answer(response.code(), body == null ? "" : body.string());
        } catch (IOException e) {
            throw new PromApiException("No answer from " + describe(request.url()) + ": " + e.getMessage()
                    + " — is the service running and reachable?", 0, e);
        }
    }

    private static JsonNode envelope(Answer answer, HttpUrl url) throws PromApiException {
        JsonNode root;
        try {
            root = JSON.readTree(answer.body);
        } catch (RuntimeException e) {
            throw new PromApiException(describe(url) + " answered HTTP " + answer.status + " with no JSON: "
                    + abbreviate(answer.body), answer.status, e);
        }
        if (!"success".equals(root.path("status").asString(""))) {
            throw new PromApiException(describe(url) + " answered " + root.path("errorType").asString("error") + ": "
                    + root.path("error").asString(abbreviate(answer.body)), answer.status, null);
        }
        return root.path("data");
    }

    private static List<Series> parseResult(JsonNode data, String promql) {
        List<Series> result = new ArrayList<>();
        String type = data.path("resultType").asString("");
        for (JsonNode item : data.path("result")) {
            List<Sample> samples = new ArrayList<>();
            if ("matrix".equals(type)) {
                for (JsonNode pair : item.path("values")) {
                    samples.add(sample(pair));
                }
            } else if (item.has("value")) {
                samples.add(sample(item.get("value")));
            }
            result.add(new Series(labels(item.path("metric")), samples));
        }
        if ("scalar".equals(type) && data.path("result").isArray() && data.path("result").size() == 2) {
            result.add(new Series(Map.of(), List.of(sample(data.path("result")))));
        }
        return result;
    }

    private static Sample sample(JsonNode pair) {
        long millis = Math.round(pair.get(0).asDouble() * 1000);
        return new Sample(millis, parseDouble(pair.get(1).asString()));
    }

    static double parseDouble(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static String seconds(Instant instant) {
        return String.format(java.util.Locale.ROOT, "%.3f", instant.toEpochMilli() / 1000.0);
    }

    /** scheme://host:port/path — never the query string, which may carry a query the user typed or a token. */
    private static String describe(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private record Answer(int status, String body) {
    }
}
