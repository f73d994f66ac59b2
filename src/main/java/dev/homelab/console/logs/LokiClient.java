package dev.homelab.console.logs;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Loki's HTTP query API over OkHttp: range queries (log and metric), labels, label values, series, volume histogram,
 * readiness and build info. Every request carries {@code X-Scope-OrgID} when the endpoint has a tenant. A request that
 * fails to connect re-opens the connection once (a port-forward re-binds to the newest pod) and is sent again; reads
 * are idempotent, so that is safe.
 */
public final class LokiClient {

    public static final String TENANT_HEADER = "X-Scope-OrgID";

    private final LokiConnection connection;
    private final OkHttpClient http;
    private final LabelsInterner interner = new LabelsInterner();

    public LokiClient(LokiConnection connection, OkHttpClient http) {
        this.connection = connection;
        this.http = http;
    }

    /** An OkHttp client with the bounded timeouts the console uses for Loki (queries may scan a lot). */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .callTimeout(90, TimeUnit.SECONDS)
                .pingInterval(20, TimeUnit.SECONDS)
                .build();
    }

    public OkHttpClient http() {
        return http;
    }

    public LokiConnection connection() {
        return connection;
    }

    public QueryResult queryRange(LogQuery query) throws LokiException {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("query", query.logql());
        params.put("start", NanoTime.param(query.start()));
        params.put("end", NanoTime.param(query.end()));
        params.put("limit", Integer.toString(Math.min(query.limit(), LogQuery.MAX_LIMIT)));
        params.put("direction", query.direction().param());
        if (query.interval() != null) {
            params.put("interval", query.interval().toMillis() + "ms");
        }
        JsonNode data = get("/loki/api/v1/query_range", params).path("data");
        String resultType = data.path("resultType").asString("");
        if (!resultType.equals("streams")) {
            throw new LokiException(LokiException.Kind.BAD_QUERY, 400, null, null,
                    "\"" + query.logql() + "\" is a metric query (Loki answered " + resultType + "); the log view "
                            + "needs a log query such as {namespace=\"kube-system\"} |= \"error\"", null);
        }
        List<LogEntry> entries = LokiResponses.streams(data.path("result"), interner);
        Comparator<LogEntry> byTime = Comparator.comparingLong(LogEntry::timestampNanos);
        entries.sort(query.direction() == LogQuery.Direction.BACKWARD ? byTime.reversed() : byTime);
        if (entries.size() > query.limit()) {
            entries = new ArrayList<>(entries.subList(0, query.limit()));
        }
        long bytes = data.path("stats").path("summary").path("totalBytesProcessed").asLong(0);
        return new QueryResult(query, List.copyOf(entries), entries.size() >= query.limit(), bytes);
    }

    /** A LogQL metric query over a range ({@code sum by (node) (count_over_time({…}[1m]))}). */
    public List<MetricSeries> queryMetricRange(String logql, Instant start, Instant end, Duration step)
            throws LokiException {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("query", logql);
        params.put("start", NanoTime.param(start));
        params.put("end", NanoTime.param(end));
        params.put("step", step.toSeconds() + "s");
        JsonNode data = get("/loki/api/v1/query_range", params).path("data");
        if (!data.path("resultType").asString("").equals("matrix")) {
            throw new LokiException(LokiException.Kind.BAD_QUERY, 400, null, null,
                    "\"" + logql + "\" is not a metric query; wrap it, e.g. sum(count_over_time(" + logql + "[1m]))",
                    null);
        }
        return LokiResponses.matrix(data.path("result"));
    }

    /** Lines per time bucket for the histogram above query results. */
    public VolumeHistogram volume(String logQuery, Instant start, Instant end, int buckets) throws LokiException {
        Duration step = VolumeHistogram.stepFor(start, end, buckets);
        String metric = "sum(count_over_time(" + logQuery + " [" + step.toSeconds() + "s]))";
        return VolumeHistogram.from(queryMetricRange(metric, start, end, step), start, end, step);
    }

    public List<String> labels(Instant start, Instant end, String query) throws LokiException {
        Map<String, String> params = window(start, end, query);
        return LokiResponses.strings(get("/loki/api/v1/labels", params).path("data"));
    }

    public List<String> labelValues(String label, Instant start, Instant end, String query) throws LokiException {
        Map<String, String> params = window(start, end, query);
        return LokiResponses.strings(get("/loki/api/v1/label/" + label + "/values", params).path("data"));
    }

    /** The label sets of the streams matching any of the selectors. */
    public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) throws LokiException {
        HttpUrl.Builder url = baseUrl(connection.endpoint(), "/loki/api/v1/series");
        selectors.forEach(selector -> url.addQueryParameter("match[]", selector));
        url.addQueryParameter("start", NanoTime.param(start)).addQueryParameter("end", NanoTime.param(end));
        JsonNode data = execute(url.build()).path("data");
        List<Map<String, String>> series = new ArrayList<>();
        data.forEach(item -> series.add(LokiResponses.labels(item)));
        return series;
    }

    /** True when {@code /ready} answers 200 "ready". */
    public boolean ready() throws LokiException {
        LokiEndpoint endpoint = connection.endpoint();
        Request request = request(endpoint, baseUrl(endpoint, "/ready").build());
        try (Response response = http.newCall(request).execute()) {
            return response.code() == 200 && response.body().string().strip().equals("ready");
        } catch (IOException e) {
            throw LokiException.unreachable(endpoint.via(), e);
        }
    }

    /** {@code /loki/api/v1/status/buildinfo}'s {@code version}, e.g. "3.7.6". */
    public String version() throws LokiException {
        return get("/loki/api/v1/status/buildinfo", Map.of()).path("version").asString("unknown");
    }

    private Map<String, String> window(Instant start, Instant end, String query) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("start", NanoTime.param(start));
        params.put("end", NanoTime.param(end));
        if (query != null && !query.isBlank()) {
            params.put("query", query);
        }
        return params;
    }

    private JsonNode get(String path, Map<String, String> params) throws LokiException {
        LokiEndpoint endpoint = connection.endpoint();
        HttpUrl.Builder url = baseUrl(endpoint, path);
        params.forEach(url::addQueryParameter);
        return execute(url.build());
    }

    private JsonNode execute(HttpUrl url) throws LokiException {
        LokiEndpoint endpoint = connection.endpoint();
        try {
            return send(endpoint, url);
        } catch (ConnectFailure first) {
            LokiEndpoint reopened = connection.reopen();
            try {
                return send(reopened, rebase(url, reopened));
            } catch (ConnectFailure second) {
                throw LokiException.unreachable(reopened.via(), second.getCause());
            }
        }
    }

    private JsonNode send(LokiEndpoint endpoint, HttpUrl url) throws LokiException, ConnectFailure {
        try (Response response = http.newCall(request(endpoint, url)).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw LokiErrors.fromResponse(response.code(), body, response.header("Retry-After"), endpoint);
            }
            try {
                return LokiResponses.read(body);
            } catch (JacksonException e) {
                throw new LokiException(LokiException.Kind.SERVER, response.code(), null, null,
                        "Loki (" + endpoint.via() + ") answered " + url.encodedPath() + " with something that is not "
                                + "JSON; is the address really Loki?", e);
            }
        } catch (IOException e) {
            throw new ConnectFailure(e);
        }
    }

    static Request request(LokiEndpoint endpoint, HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url);
        endpoint.tenant().ifPresent(tenant -> builder.header(TENANT_HEADER, tenant));
        return builder.build();
    }

    static HttpUrl.Builder baseUrl(LokiEndpoint endpoint, String path) {
        HttpUrl base = HttpUrl.get(endpoint.baseUri().toString());
        HttpUrl.Builder builder = base.newBuilder();
        String prefix = base.encodedPath().equals("/") ? "" : base.encodedPath();
        return builder.encodedPath(prefix + path);
    }

    private static HttpUrl rebase(HttpUrl url, LokiEndpoint endpoint) {
        HttpUrl base = HttpUrl.get(endpoint.baseUri().toString());
        return url.newBuilder().scheme(base.scheme()).host(base.host()).port(base.port()).build();
    }

    private static final class ConnectFailure extends Exception {
        ConnectFailure(IOException cause) {
            super(cause);
        }
    }
}
