package dev.homelab.console.sandbox.api;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsList;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsListBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits in front of fabric8's CRUD dispatcher and answers what CRUD cannot, the way a k3s API server would:
 * {@code /version}, discovery (metrics.k8s.io served only while metrics-server runs), SelfSubjectAccessReview
 * decided by the scenario, metrics.k8s.io from the usage simulation, field selectors on lists, and Secret
 * {@code stringData}, and the pods' port-forward subresource ({@link PortForwardSimulation}). Everything else is plain
 * CRUD.
 */
public final class SandboxApiDispatcher extends Dispatcher {

    private static final Pattern METRICS_PATH = Pattern.compile(
            "/apis/metrics\\.k8s\\.io/v1beta1(?:/namespaces/([^/]+))?/(nodes|pods)(?:/([^/]+))?");
    private static final Pattern GROUP_PATH = Pattern.compile("/apis/([^/]+)(?:/([^/]+))?/?");
    private static final Pattern SECRETS_PATH = Pattern.compile("/api/v1/namespaces/[^/]+/secrets(/[^/]+)?");
    private static final Pattern PORT_FORWARD_PATH = Pattern.compile(
            "/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward");
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final Dispatcher crud;
    private final String k3sVersion;
    private final AccessPolicy access;
    private final BooleanSupplier metricsServed;
    private volatile MetricsSource metrics;
    private volatile PortForwardSimulation portForward;

    public SandboxApiDispatcher(Dispatcher crud, String k3sVersion, AccessPolicy access,
                                BooleanSupplier metricsServed) {
        this.crud = crud;
        this.k3sVersion = k3sVersion;
        this.access = access;
        this.metricsServed = metricsServed;
    }

    public void setMetricsSource(MetricsSource source) {
        this.metrics = source;
    }

    public void setPortForward(PortForwardSimulation portForward) {
        this.portForward = portForward;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String fullPath = request.getPath();
        int q = fullPath.indexOf('?');
        String path = q < 0 ? fullPath : fullPath.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : query(fullPath.substring(q + 1));
        String method = request.getMethod();
        if ("GET".equals(method)) {
            Matcher forward = PORT_FORWARD_PATH.matcher(path);
            if (forward.matches() && portForward != null) {
                boolean podExists = crud.dispatch(new RecordedRequest("HTTP/1.1",
                        io.fabric8.mockwebserver.dsl.HttpMethod.GET, "/api/v1/namespaces/" + forward.group(1)
                        + "/pods/" + forward.group(2), null, new Buffer())).code() == 200;
                return portForward.respond(forward.group(1), forward.group(2), query.get("ports"), podExists);
            }
            if (path.equals("/version")) {
                return ApiResponses.json(200, version());
            }
            if (path.equals("/api")) {
                return ApiResponses.json(200, Map.of("kind", "APIVersions", "versions", List.of("v1")));
            }
            if (path.equals("/api/v1")) {
                return ApiResponses.json(200, Discovery.builtInResources("", "v1").orElseThrow());
            }
            if (path.equals("/apis") || path.equals("/apis/")) {
                return ApiResponses.json(200, Discovery.groups(metricsServed.getAsBoolean(), crds()));
            }
            Matcher metricsPath = METRICS_PATH.matcher(path);
            if (metricsPath.matches()) {
                return metrics(metricsPath, query);
            }
            Matcher groupPath = GROUP_PATH.matcher(path);
            if (groupPath.matches()) {
                return discovery(groupPath.group(1), groupPath.group(2));
            }
            if (query.containsKey("fieldSelector") && !"true".equals(query.get("watch"))) {
                return filteredList(request, fullPath, query.get("fieldSelector"));
            }
        }
        if ("POST".equals(method) && path.equals("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")) {
            return accessReview(request);
        }
        if (("POST".equals(method) || "PUT".equals(method)) && SECRETS_PATH.matcher(path).matches()) {
            return crud.dispatch(foldStringData(request));
        }
        return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }

    private Map<String, Object> version() {
        Matcher m = Pattern.compile("v(\\d+)\\.(\\d+).*").matcher(k3sVersion);
        String major = m.matches() ? m.group(1) : "1";
        String minor = m.matches() ? m.group(2) : "33";
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("major", major);
        v.put("minor", minor);
        v.put("gitVersion", k3sVersion);
        v.put("gitCommit", "e2f2b2b5b9d7e3a6b1c0f4e52d1c0a9e8b7f6d5c");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2025-08-14T19:20:11Z");
        v.put("goVersion", "go1.24.4");
        v.put("compiler", "gc");
        v.put("platform", "linux/arm64");
        return v;
    }

    private MockResponse discovery(String group, String version) {
        boolean served = metricsServed.getAsBoolean();
        if (Discovery.METRICS_GROUP.equals(group) && !served) {
            return ApiResponses.notFound();
        }
        if (version == null) {
            return Discovery.group(group, served, crds()).map(g -> ApiResponses.json(200, g))
                    .orElseGet(ApiResponses::notFound);
        }
        if (Discovery.isBuiltInGroup(group)) {
            return Discovery.builtInResources(group, version).map(r -> ApiResponses.json(200, r))
                    .orElseGet(ApiResponses::notFound);
        }
        if (Discovery.group(group, served, crds()).isEmpty()) {
            return ApiResponses.notFound();
        }
        return crud.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.GET,
                "/apis/" + group + "/" + version, null, new Buffer()));
    }

    private List<CustomResourceDefinition> crds() {
        MockResponse response = crud.dispatch(new RecordedRequest("HTTP/1.1",
                io.fabric8.mockwebserver.dsl.HttpMethod.GET, CRDS, null, new Buffer()));
        if (response.code() != 200) {
            return List.of();
        }
        CustomResourceDefinitionList list = Serialization.unmarshal(response.getBody().readUtf8(),
                CustomResourceDefinitionList.class);
        return list.getItems() == null ? List.of() : list.getItems();
    }

    private MockResponse metrics(Matcher path, Map<String, String> query) {
        MetricsSource source = metrics;
        if (!metricsServed.getAsBoolean() || source == null) {
            return ApiResponses.notFound();
        }
        String namespace = path.group(1);
        String name = path.group(3);
        String selector = query.get("labelSelector");
        if (path.group(2).equals("nodes")) {
            List<NodeMetrics> nodes = source.nodeMetrics().stream()
                    .filter(n -> name == null || n.getMetadata().getName().equals(name))
                    .filter(n -> Selectors.matchesLabels(selector, n.getMetadata().getLabels())).toList();
            if (name != null) {
                return nodes.isEmpty() ? ApiResponses.notFound("nodemetrics.metrics.k8s.io", name)
                        : ApiResponses.json(200, nodes.get(0));
            }
            NodeMetricsList list = new NodeMetricsListBuilder().withMetadata(new ListMeta()).withItems(nodes).build();
            return ApiResponses.json(200, list);
        }
        List<PodMetrics> pods = source.podMetrics().stream()
                .filter(p -> namespace == null || p.getMetadata().getNamespace().equals(namespace))
                .filter(p -> name == null || p.getMetadata().getName().equals(name))
                .filter(p -> Selectors.matchesLabels(selector, p.getMetadata().getLabels())).toList();
        if (name != null) {
            return pods.isEmpty() ? ApiResponses.notFound("podmetrics.metrics.k8s.io", name)
                    : ApiResponses.json(200, pods.get(0));
        }
        return ApiResponses.json(200, new PodMetricsListBuilder().withMetadata(new ListMeta()).withItems(pods).build());
    }

    private MockResponse accessReview(RecordedRequest request) {
        ObjectNode review = (ObjectNode) Serialization.jsonMapper().readTree(request.getUtf8Body());
        JsonNode attributes = review.path("spec").path("resourceAttributes");
        boolean allowed = attributes.isMissingNode() || access.allowed(attributes.path("verb").asString(""),
                attributes.path("group").asString(""), attributes.path("resource").asString(""),
                attributes.path("subresource").asString(""), attributes.path("namespace").asString(""));
        ObjectNode status = review.putObject("status");
        status.put("allowed", allowed);
        if (!allowed) {
            status.put("reason", "");
        }
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.put("kind", "SelfSubjectAccessReview");
        return ApiResponses.json(201, Serialization.jsonMapper().writeValueAsString(review));
    }

    /** CRUD ignores field selectors on most fields; evaluate them on the full list like the API server would. */
    private MockResponse filteredList(RecordedRequest request, String fullPath, String fieldSelector) {
        String unfiltered = fullPath.replaceAll("([?&])fieldSelector=[^&]*&?", "$1").replaceAll("[?&]$", "");
        MockResponse response = crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
                unfiltered, request.getHeaders(), new Buffer()));
        if (response.code() != 200) {
            return response;
        }
        JsonNode list = Serialization.jsonMapper().readTree(response.getBody().readUtf8());
        if (!(list instanceof ObjectNode listObject) || !list.path("items").isArray()) {
            return ApiResponses.json(200, Serialization.jsonMapper().writeValueAsString(list));
        }
        ArrayNode kept = Serialization.jsonMapper().createArrayNode();
        for (JsonNode item : list.path("items")) {
            if (Selectors.matchesFields(fieldSelector, item)) {
                kept.add(item);
            }
        }
        listObject.set("items", kept);
        return ApiResponses.json(200, Serialization.jsonMapper().writeValueAsString(listObject));
    }

    /** The API server folds {@code stringData} into base64 {@code data}; CRUD stores it as sent. */
    private RecordedRequest foldStringData(RecordedRequest request) {
        byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
        String body = new String(raw, StandardCharsets.UTF_8);
        RecordedRequest unchanged = new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(raw));
        if (!body.contains("stringData")) {
            return unchanged;
        }
        JsonNode root = Serialization.jsonMapper().readTree(body);
        if (!(root instanceof ObjectNode secret) || !secret.path("stringData").isObject()) {
            return unchanged;
        }
        ObjectNode data = secret.path("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
        secret.get("stringData").properties().forEach(e -> data.put(e.getKey(),
                Base64.getEncoder().encodeToString(e.getValue().asString("").getBytes(StandardCharsets.UTF_8))));
        secret.remove("stringData");
        byte[] folded = Serialization.jsonMapper().writeValueAsBytes(secret);
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                request.getHeaders(), new Buffer(folded));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
