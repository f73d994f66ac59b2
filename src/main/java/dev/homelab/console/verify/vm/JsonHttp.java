package dev.homelab.console.verify.vm;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The JSON-over-HTTP plumbing the vmagent / vmalert / Alertmanager / Pushover clients share: bounded timeouts and
 * errors that say which service answered what (never the query string, which may carry a token).
 */
final class JsonHttp {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final OkHttpClient SHARED = new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(20, TimeUnit.SECONDS)
            .build();

    private final HttpUrl base;
    private final String service;
    private final OkHttpClient http;

    JsonHttp(URI base, String service) {
        this(base, service, SHARED);
    }

    JsonHttp(URI base, String service, OkHttpClient http) {
        String text = base.toString();
        this.base = HttpUrl.get(text.endsWith("/") ? text : text + "/");
        this.service = service;
        this.http = http;
    }

    URI baseUri() {
        return base.uri();
    }

    HttpUrl url(String relativePath) {
        return HttpUrl.get(base + (relativePath.startsWith("/") ? relativePath.substring(1) : relativePath));
    }

    JsonNode get(String relativePath) throws ServiceCallException {
        return parse(call(new Request.Builder().url(url(relativePath)).get().build()));
    }

    String getText(String relativePath) throws ServiceCallException {
        return call(new Request.Builder().url(url(relativePath)).get().build()).body;
    }

    Answer postJson(String relativePath, Object body) throws ServiceCallException {
        String json = JSON.writeValueAsString(body);
        return call(new Request.Builder().url(url(relativePath)).post(RequestBody.create(json, JSON_TYPE)).build());
    }

    Answer post(String relativePath, RequestBody body) throws ServiceCallException {
        return call(new Request.Builder().url(url(relativePath)).post(body).build(), true);
    }

    private Answer call(Request request) throws ServiceCallException {
        return call(request, false);
    }

    /** @param anyStatus return 4xx answers instead of throwing (APIs like Pushover's explain errors in the body) */
    private Answer call(Request request, boolean anyStatus) throws ServiceCallException {
        HttpUrl url = request.url();
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!anyStatus && response.code() / 100 != 2) {
                throw new ServiceCallException(service + " at " + describe(url) + " answered HTTP " + response.code()
                        + ": " + abbreviate(body), response.code());
            }
            return new Answer(response.code(), body);
        } catch (IOException e) {
            throw new ServiceCallException("No answer from " + service + " at " + describe(url) + ": " + e.getMessage()
                    + " — is it running and reachable?", 0, e);
        }
    }

    JsonNode parse(Answer answer) throws ServiceCallException {
        try {
            return JSON.readTree(answer.body);
        } catch (RuntimeException e) {
            throw new ServiceCallException(service + " answered with no JSON: " + abbreviate(answer.body),
                    answer.status, e);
        }
    }

    static String describe(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }

    static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    record Answer(int status, String body) {
    }
}
