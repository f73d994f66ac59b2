package dev.homelab.console.verify.vm;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** vmalert's HTTP API (port 8080, also proxied by vmsingle at {@code /vmalert}): loaded groups and active alerts. */
public final class VmAlertClient {

    private final JsonHttp http;

    public VmAlertClient(URI base) {
        this.http = new JsonHttp(base, "vmalert");
    }

    /** {@code GET /api/v1/rules}: every group with its rules' health. */
    public List<LoadedRuleGroup> groups() throws ServiceCallException {
        JsonNode data = envelope(http.get("api/v1/rules"), "/api/v1/rules");
        List<LoadedRuleGroup> groups = new ArrayList<>();
        for (JsonNode group : data.path("groups")) {
            List<LoadedRuleGroup.LoadedRule> rules = new ArrayList<>();
            for (JsonNode rule : group.path("rules")) {
                rules.add(new LoadedRuleGroup.LoadedRule(rule.path("name").asString(""),
                        rule.path("type").asString(""), rule.path("health").asString(""),
                        rule.path("lastError").asString("")));
            }
            groups.add(new LoadedRuleGroup(group.path("name").asString(""), group.path("file").asString(""), rules));
        }
        return groups;
    }

    /** {@code GET /api/v1/alerts}: pending and firing alerts. */
    public List<ActiveAlert> alerts() throws ServiceCallException {
        JsonNode data = envelope(http.get("api/v1/alerts"), "/api/v1/alerts");
        List<ActiveAlert> alerts = new ArrayList<>();
        for (JsonNode alert : data.path("alerts")) {
            alerts.add(new ActiveAlert(alert.path("name").asString(""), alert.path("state").asString(""),
                    VmAgentClient.strings(alert.path("labels"))));
        }
        return alerts;
    }

    private static JsonNode envelope(JsonNode root, String path) throws ServiceCallException {
        if (!"success".equals(root.path("status").asString(""))) {
            throw new ServiceCallException("vmalert answered " + path + " with status "
                    + root.path("status").asString("?") + ": " + root.path("error").asString(""), 200);
        }
        return root.path("data");
    }
}
