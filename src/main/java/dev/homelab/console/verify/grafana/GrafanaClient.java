package dev.homelab.console.verify.grafana;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Grafana's HTTP API for datasources, authenticated with a service-account token that the user pastes, or with
 * Grafana's admin login read from its own Secret; either lives only in memory ({@code Supplier<char[]>}): never
 * logged, never stored.
 */
public final class GrafanaClient {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpUrl base;
    /** The Authorization header's value, or an empty array for none. */
    private final Supplier<char[]> authorization;
    private final boolean basicLogin;
    private final OkHttpClient http;

    /** With a service-account token (Bearer). */
    public GrafanaClient(URI base, Supplier<char[]> token) {
        this(base, () -> {
            char[] secret = token.get();
            return secret == null || secret.length == 0 ? new char[0] : ("Bearer " + new String(secret)).toCharArray();
        }, false);
    }

    /** With Grafana's admin user and password (HTTP basic authentication, which Grafana's API accepts). */
    public static GrafanaClient withBasicLogin(URI base, String user, Supplier<char[]> password) {
        return new GrafanaClient(base, () -> ("Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":" + new String(password.get())).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toCharArray(), true);
    }

    private GrafanaClient(URI base, Supplier<char[]> authorization, boolean basicLogin) {
        this.base = HttpUrl.get(base.toString());
        this.authorization = authorization;
        this.basicLogin = basicLogin;
        this.http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS)
                .build();
    }

    public List<GrafanaDatasource> datasources() throws GrafanaApiException {
        JsonNode array = send(request("/api/datasources").get().build(), "list datasources");
        List<GrafanaDatasource> result = new ArrayList<>();
        for (JsonNode node : array) {
            result.add(parse(node));
        }
        return result;
    }

    public Optional<GrafanaDatasource> byUid(String uid) throws GrafanaApiException {
        try {
            return Optional.of(parse(send(request("/api/datasources/uid/" + uid).get().build(), "read datasource " + uid)));
        } catch (GrafanaApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public GrafanaDatasource create(GrafanaDatasource datasource) throws GrafanaApiException {
        JsonNode answer = send(request("/api/datasources").post(body(datasource)).build(),
                "create datasource " + datasource.name());
        return parse(answer.path("datasource"));
    }

    public GrafanaDatasource update(GrafanaDatasource datasource) throws GrafanaApiException {
        JsonNode answer = send(request("/api/datasources/uid/" + datasource.uid()).put(body(datasource)).build(),
                "update datasource " + datasource.name());
        return parse(answer.path("datasource"));
    }

    public void delete(String uid) throws GrafanaApiException {
        send(request("/api/datasources/uid/" + uid).delete().build(), "delete datasource " + uid);
    }

    /** Grafana ≥ 9: asks the datasource plugin to run its own test query. A failure is an answer, not an exception. */
    public DatasourceHealth health(String uid) throws GrafanaApiException {
        Request request = request("/api/datasources/uid/" + uid + "/health").get().build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            JsonNode node = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            boolean ok = response.code() == 200 && "OK".equalsIgnoreCase(node.path("status").asString(""));
            String message = node.path("message").asString(text.isBlank() ? "HTTP " + response.code() : text);
            if (response.code() == 401 || response.code() == 403) {
                throw new GrafanaApiException(authMessage(response.code(), message), response.code(), null);
            }
            return new DatasourceHealth(uid, ok, response.code(), message);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (RuntimeException e) {
            throw new GrafanaApiException("Grafana answered the health check with something that is not JSON: "
                    + e.getMessage(), 0, e);
        }
    }

    private Request.Builder request(String path) {
        HttpUrl url = HttpUrl.get(base.toString().replaceAll("/$", "") + path);
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        char[] header = authorization.get();
        if (header != null && header.length > 0) {
            builder.header("Authorization", new String(header));
        }
        return builder;
    }

    private JsonNode send(Request request, String what) throws GrafanaApiException {
        try (Response response = http.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            if (response.code() / 100 == 2) {
                return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            }
            String message = grafanaMessage(text);
            if (response.code() == 401 || response.code() == 403) {
                throw new GrafanaApiException(authMessage(response.code(), message), response.code(), null);
            }
            if (response.code() == 409) {
                throw new GrafanaApiException("Grafana refused to " + what + ": " + message
                        + " — a datasource with that name or uid exists; update it instead", 409, null);
            }
            throw new GrafanaApiException("Grafana refused to " + what + " (HTTP " + response.code() + "): " + message,
                    response.code(), null);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private GrafanaApiException unreachable(IOException e) {
        return new GrafanaApiException("Grafana at " + base.scheme() + "://" + base.host() + ":" + base.port()
                + " did not answer (" + e.getMessage() + "); is its pod running?", 0, e);
    }

    private String authMessage(int status, String message) {
        if (basicLogin) {
            return "Grafana rejected the admin login (HTTP " + status + ": " + message + "). The password in "
                    + "Grafana's Secret is only the initial one: if it was changed in Grafana, enter a "
                    + "service-account token instead.";
        }
        return "Grafana rejected the service-account token (HTTP " + status + ": " + message + "). Create a token for a "
                + "service account with the Admin role (or datasources:write) in Grafana > Administration > "
                + "Service accounts, and paste it again.";
    }

    private static String grafanaMessage(String text) {
        try {
            return JSON.readTree(text).path("message").asString(text);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static RequestBody body(GrafanaDatasource ds) {
        return RequestBody.create(JSON.writeValueAsString(payload(ds)), JSON_TYPE);
    }

    /** The JSON this client sends to create or update {@code ds} ({@code POST /api/datasources}, {@code PUT …/uid/}). */
    public static ObjectNode payload(GrafanaDatasource ds) {
        ObjectNode node = JSON.createObjectNode();
        node.put("uid", ds.uid());
        node.put("name", ds.name());
        node.put("type", ds.type());
        node.put("url", ds.url());
        node.put("access", ds.access());
        node.put("isDefault", ds.isDefault());
        node.set("jsonData", JSON.valueToTree(ds.jsonData()));
        if (!ds.secureJsonData().isEmpty()) {
            node.set("secureJsonData", JSON.valueToTree(ds.secureJsonData()));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static GrafanaDatasource parse(JsonNode node) {
        Map<String, Object> jsonData = node.has("jsonData") ? JSON.convertValue(node.get("jsonData"), Map.class)
                : Map.of();
        return new GrafanaDatasource(node.path("uid").asString(""), node.path("name").asString(""),
                node.path("type").asString(""), node.path("url").asString(""), node.path("access").asString("proxy"),
                node.path("isDefault").asBoolean(false), jsonData, node.path("readOnly").asBoolean(false));
    }
}
