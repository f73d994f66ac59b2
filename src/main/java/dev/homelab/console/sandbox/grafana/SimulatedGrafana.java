package dev.homelab.console.sandbox.grafana;

import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Grafana's datasource HTTP API as documented (api/datasources, uid routes, health, /api/health), with bearer-token
 * auth, 409 on duplicate names and read-only provisioned datasources. The health check asks {@code probe} whether the
 * datasource URL answers — the sandbox answers from the simulated cluster, tests script it.
 */
public final class SimulatedGrafana implements SimulatedService {

    /** The probe's verdict for a datasource URL. */
    public record Probe(boolean ok, String message) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String token;
    private final Function<ObjectNode, Probe> probe;
    private final Map<String, ObjectNode> byUid = new LinkedHashMap<>();
    private int nextId = 1;

    /** Checks an admin user and password (basic authentication); by default no login is accepted. */
    private volatile java.util.function.BiPredicate<String, String> adminLogin = (user, password) -> false;

    public SimulatedGrafana(String token, Function<ObjectNode, Probe> probe) {
        this.token = token;
        this.probe = probe;
    }

    /** Grafana's API also accepts its admin user's login (HTTP basic); {@code check} says which one is valid. */
    public void acceptAdminLogin(java.util.function.BiPredicate<String, String> check) {
        this.adminLogin = check;
    }

    private boolean validBasicLogin(String auth) {
        if (auth == null || !auth.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6).trim()),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && adminLogin.test(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** A datasource provisioned from a file or sidecar: visible, but read-only in the API. */
    public synchronized void provision(String uid, String name, String type, String url, boolean isDefault) {
        ObjectNode ds = JSON.createObjectNode();
        ds.put("uid", uid);
        ds.put("name", name);
        ds.put("type", type);
        ds.put("url", url);
        ds.put("access", "proxy");
        ds.put("isDefault", isDefault);
        ds.putObject("jsonData");
        ds.put("readOnly", true);
        store(ds);
    }

    /**
     * What the datasource sidecar provides now: provisioned datasources not in {@code uids} disappear (their
     * ConfigMap was deleted), the given ones are (re)provisioned.
     */
    public synchronized void syncProvisioned(List<ObjectNode> provisioned) {
        byUid.values().removeIf(ds -> ds.path("readOnly").asBoolean(false) && ds.path("sidecar").asBoolean(false)
                && provisioned.stream().noneMatch(p -> p.path("uid").asString().equals(ds.path("uid").asString())));
        for (ObjectNode ds : provisioned) {
            ObjectNode copy = ds.deepCopy();
            copy.put("readOnly", true);
            copy.put("sidecar", true);
            ObjectNode existing = byUid.get(copy.path("uid").asString());
            if (existing == null || !existing.equals(copy)) {
                if (existing != null) {
                    copy.put("id", existing.path("id").asInt());
                    byUid.put(copy.path("uid").asString(), copy);
                } else {
                    store(copy);
                }
            }
        }
    }

    public synchronized Map<String, ObjectNode> datasources() {
        return Map.copyOf(byUid);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        if (path.equals("/api/health")) {
            return json(200, "{\"database\":\"ok\",\"version\":\"12.1.0\"}");
        }
        String auth = request.getHeaders().get("Authorization");
        if (token != null && !("Bearer " + token).equals(auth) && !validBasicLogin(auth)) {
            return json(401, auth != null && auth.startsWith("Basic ")
                    ? "{\"message\":\"invalid username or password\",\"traceID\":\"\"}"
                    : "{\"message\":\"invalid API key\",\"traceID\":\"\"}");
        }
        if (path.equals("/api/datasources") && "GET".equals(method)) {
            ArrayNode all = JSON.createArrayNode();
            byUid.values().forEach(all::add);
            return json(200, all.toString());
        }
        if (path.equals("/api/datasources") && "POST".equals(method)) {
            return create(body(request));
        }
        if (path.startsWith("/api/datasources/uid/")) {
            String rest = path.substring("/api/datasources/uid/".length());
            if (rest.endsWith("/health")) {
                return health(rest.substring(0, rest.length() - "/health".length()));
            }
            ObjectNode existing = byUid.get(rest);
            if (existing == null) {
                return json(404, "{\"message\":\"Data source not found\"}");
            }
            return switch (method) {
                case "GET" -> json(200, existing.toString());
                case "PUT" -> update(existing, body(request));
                case "DELETE" -> delete(existing);
                default -> json(405, "{\"message\":\"Method not allowed\"}");
            };
        }
        return json(404, "{\"message\":\"Not found\"}");
    }

    private MockResponse create(ObjectNode ds) {
        String name = ds.path("name").asString("");
        if (byUid.values().stream().anyMatch(d -> d.path("name").asString("").equals(name))) {
            return json(409, "{\"message\":\"data source with the same name already exists\"}");
        }
        if (ds.path("uid").asString("").isEmpty()) {
            ds.put("uid", "ds" + nextId);
        }
        if (byUid.containsKey(ds.path("uid").asString())) {
            return json(409, "{\"message\":\"data source with the same uid already exists\"}");
        }
        ds.put("readOnly", false);
        store(ds);
        return json(200, "{\"datasource\":" + ds + ",\"id\":" + ds.path("id").asInt() + ",\"message\":\"Datasource added\","
                + "\"name\":" + JSON.valueToTree(name) + "}");
    }

    private MockResponse update(ObjectNode existing, ObjectNode change) {
        if (existing.path("readOnly").asBoolean(false)) {
            return json(403, "{\"message\":\"Cannot update read-only data source\"}");
        }
        change.put("id", existing.path("id").asInt());
        change.put("uid", existing.path("uid").asString());
        change.put("readOnly", false);
        byUid.put(existing.path("uid").asString(), change);
        return json(200, "{\"datasource\":" + change + ",\"id\":" + change.path("id").asInt()
                + ",\"message\":\"Datasource updated\"}");
    }

    private MockResponse delete(ObjectNode existing) {
        if (existing.path("readOnly").asBoolean(false)) {
            return json(403, "{\"message\":\"Cannot delete read-only data source\"}");
        }
        byUid.remove(existing.path("uid").asString());
        return json(200, "{\"message\":\"Data source deleted\"}");
    }

    private MockResponse health(String uid) {
        ObjectNode ds = byUid.get(uid);
        if (ds == null) {
            return json(404, "{\"message\":\"Data source not found\"}");
        }
        Probe result = probe.apply(ds);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("status", result.ok() ? "OK" : "ERROR");
        answer.put("message", result.message());
        return json(result.ok() ? 200 : 400, answer.toString());
    }

    private void store(ObjectNode ds) {
        ds.put("id", nextId++);
        byUid.put(ds.path("uid").asString(), ds);
    }

    private static ObjectNode body(RecordedRequest request) {
        JsonNode node = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
        return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }
}
