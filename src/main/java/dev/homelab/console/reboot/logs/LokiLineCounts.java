package dev.homelab.console.reboot.logs;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** {@link LogLineCounts} over Loki's {@code /loki/api/v1/query_range} (metric queries, matrix answers). */
public final class LokiLineCounts implements LogLineCounts {

    private static final OkHttpClient HTTP = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS).build();

    private final HttpUrl base;
    private final String tenant;

    /** @param tenant {@code X-Scope-OrgID} when Loki runs multi-tenant, else null */
    public LokiLineCounts(URI base, String tenant) {
        this.base = HttpUrl.get(base.toString());
        this.tenant = tenant;
    }

    @Override
    public Map<String, SortedMap<Instant, Long>> countBy(String label, String selector, Instant start, Instant end,
                                                         Duration step) throws LogQueryException {
        String query = LogLineCounts.countQuery(label, selector, step);
        HttpUrl url = base.newBuilder().addPathSegments("loki/api/v1/query_range")
                .addQueryParameter("query", query)
                .addQueryParameter("start", Long.toString(start.getEpochSecond() * 1_000_000_000L))
                .addQueryParameter("end", Long.toString(end.getEpochSecond() * 1_000_000_000L))
                .addQueryParameter("step", step.toSeconds() + "s")
                .build();
        Request.Builder request = new Request.Builder().url(url).get();
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        String where = url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new LogQueryException(where + " answered HTTP " + response.code() + ": "
                        + body.substring(0, Math.min(200, body.length())), null);
            }
            JsonNode root = dev.homelab.console.util.Json.JSON.readTree(body);
            Map<String, SortedMap<Instant, Long>> result = new LinkedHashMap<>();
            for (JsonNode series : root.path("data").path("result")) {
                String key = series.path("metric").path(label).asString("");
                SortedMap<Instant, Long> buckets = result.computeIfAbsent(key, k -> new TreeMap<>());
                for (JsonNode pair : series.path("values")) {
                    Instant at = Instant.ofEpochMilli(Math.round(pair.get(0).asDouble() * 1000));
                    buckets.put(at, (long) Double.parseDouble(pair.get(1).asString()));
                }
            }
            return result;
        } catch (IOException e) {
            throw new LogQueryException("No answer from Loki at " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new LogQueryException("Unreadable answer from Loki at " + where + ": " + e.getMessage(), e);
        }
    }
}
