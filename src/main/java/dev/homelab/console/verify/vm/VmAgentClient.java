package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.prom.MetricsText;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** vmagent's HTTP API (port 8429): active scrape targets and its own metrics (queue, remote-write). */
public final class VmAgentClient {

    private final JsonHttp http;

    public VmAgentClient(URI base) {
        this.http = new JsonHttp(base, "vmagent");
    }

    public URI baseUri() {
        return http.baseUri();
    }

    /** {@code GET /api/v1/targets?state=active}. */
    public List<ScrapeTarget> activeTargets() throws ServiceCallException {
        JsonNode root = http.get("api/v1/targets?state=active");
        if (!"success".equals(root.path("status").asString(""))) {
            throw new ServiceCallException("vmagent answered /api/v1/targets with status "
                    + root.path("status").asString("?") + ": " + root.path("error").asString(""), 200);
        }
        List<ScrapeTarget> targets = new ArrayList<>();
        for (JsonNode target : root.path("data").path("activeTargets")) {
            targets.add(new ScrapeTarget(target.path("scrapePool").asString(""), strings(target.path("labels")),
                    strings(target.path("discoveredLabels")), target.path("scrapeUrl").asString(""),
                    target.path("health").asString("unknown"), target.path("lastError").asString("")));
        }
        return targets;
    }

    /** {@code GET /metrics}: {@code vmagent_remotewrite_pending_data_bytes}, {@code vm_persistentqueue_*}... */
    public MetricsText metrics() throws ServiceCallException {
        return MetricsText.parse(http.getText("metrics"));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString("")));
        return map;
    }
}
