package dev.homelab.console.telemetry;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads metrics.k8s.io with as few requests as possible: all node metrics in one list, all pod metrics in one
 * all-namespaces list. Goes through the fabric8 client's own HTTP client (same authentication, same TLS) and counts
 * requests and bytes, so the sampler's API load can be reported and measured.
 */
public final class MetricsServerClient {

    /** One node's usage as the kubelet reported it, with the kubelet's timestamp (possibly skewed). */
    public record NodeReading(String node, Instant timestamp, Usage usage) {
    }

    /** One pod's usage (sum of its containers). */
    public record PodReading(String namespace, String name, Instant timestamp, Usage usage) {
        public String key() {
            return namespace + "/" + name;
        }
    }

    static final String K3S_FIX = "On k3s metrics-server is a packaged component: re-enable it by removing"
            + " '--disable metrics-server' (or 'metrics-server' from 'disable:' in /etc/rancher/k3s/config.yaml) on the"
            + " server node and restarting k3s (systemctl restart k3s). Do not install a second metrics-server.";

    private static final long TIMEOUT_SECONDS = 10;

    private final KubernetesClient kube;
    private final HttpClient http;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public MetricsServerClient(KubernetesClient kube) {
        this.kube = kube;
        // a failed round is simply retried at the next tick; fabric8's default back-off would stall the sampler
        this.http = kube.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder().withRequestRetryBackoffLimit(0).build()).build();
    }

    public List<NodeReading> nodes() throws MetricsUnavailableException {
        List<NodeReading> readings = new ArrayList<>();
        for (JsonNode item : get("apis/metrics.k8s.io/v1beta1/nodes").path("items")) {
            JsonNode usage = item.path("usage");
            readings.add(new NodeReading(item.path("metadata").path("name").asString(""), timestamp(item),
                    new Usage(cores(usage.path("cpu")), bytes(usage.path("memory")))));
        }
        return readings;
    }

    public List<PodReading> pods() throws MetricsUnavailableException {
        List<PodReading> readings = new ArrayList<>();
        for (JsonNode item : get("apis/metrics.k8s.io/v1beta1/pods").path("items")) {
            Usage total = Usage.ZERO;
            for (JsonNode container : item.path("containers")) {
                JsonNode usage = container.path("usage");
                total = total.plus(new Usage(cores(usage.path("cpu")), bytes(usage.path("memory"))));
            }
            JsonNode metadata = item.path("metadata");
            readings.add(new PodReading(metadata.path("namespace").asString(""), metadata.path("name").asString(""),
                    timestamp(item), total));
        }
        return readings;
    }

    public long requestCount() {
        return requests.get();
    }

    public long bytesReceived() {
        return bytes.get();
    }

    private JsonNode get(String path) throws MetricsUnavailableException {
        String base = kube.getMasterUrl().toString();
        String url = (base.endsWith("/") ? base : base + "/") + path;
        HttpRequest request = http.newHttpRequestBuilder().uri(url).build();
        requests.incrementAndGet();
        HttpResponse<byte[]> response;
        try {
            response = http.sendAsync(request, byte[].class).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsUnavailableException("Interrupted while reading " + path, 0, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new MetricsUnavailableException("The API server did not answer " + path + " within "
                    + TIMEOUT_SECONDS + " s (" + rootMessage(e) + "). Check the connection to " + base + ".", 0, e);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        bytes.addAndGet(body.length);
        int code = response.code();
        if (code == 404) {
            throw new MetricsUnavailableException("metrics.k8s.io is not served (HTTP 404 for " + path
                    + "): metrics-server is not installed or disabled. " + K3S_FIX, code, null);
        }
        if (code == 503) {
            throw new MetricsUnavailableException("metrics.k8s.io is registered but unavailable (HTTP 503 for " + path
                    + "): metrics-server is not ready. Check 'kubectl -n kube-system get pods -l k8s-app=metrics-server'"
                    + " and its log; it needs a minute after a restart. " + K3S_FIX, code, null);
        }
        if (code == 401 || code == 403) {
            throw new MetricsUnavailableException("Not permitted to read " + path + " (HTTP " + code + "): grant"
                    + " 'get' and 'list' on nodes.metrics.k8s.io and pods.metrics.k8s.io to this user.", code, null);
        }
        if (code / 100 != 2) {
            throw new MetricsUnavailableException("metrics.k8s.io answered HTTP " + code + " for " + path + ": "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)), code, null);
        }
        try {
            return dev.homelab.console.util.Json.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new MetricsUnavailableException("metrics.k8s.io answered " + path + " with something that is not"
                    + " JSON: " + abbreviate(new String(body, StandardCharsets.UTF_8)), code, e);
        }
    }

    private static Instant timestamp(JsonNode item) {
        String text = item.path("timestamp").asString("");
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static double cores(JsonNode quantity) {
        return quantity.isMissingNode() || quantity.isNull() ? 0
                : Quantity.getAmountInBytes(new Quantity(quantity.asString())).doubleValue();
    }

    static double bytes(JsonNode quantity) {
        return cores(quantity);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
