package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.prom.MetricsText;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alertmanager's API v2 (port 9093, route prefix {@code /}): post alerts, read alerts, status and metrics. */
public final class AlertmanagerClient {

    private final JsonHttp http;

    public AlertmanagerClient(URI base) {
        this.http = new JsonHttp(base, "Alertmanager");
    }

    /** An alert to post; {@code endsAt} makes it resolve by itself. */
    public record PostedAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                              Instant endsAt) {
    }

    /** An alert as Alertmanager holds it, with the receivers its route chose. */
    public record HeldAlert(Map<String, String> labels, String state, List<String> receivers) {
    }

    /** What {@code /api/v2/status} says. */
    public record Status(String version, String clusterStatus, String originalConfig) {
    }

    /** {@code POST /api/v2/alerts}. */
    public void post(PostedAlert alert) throws ServiceCallException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("labels", alert.labels());
        body.put("annotations", alert.annotations());
        body.put("startsAt", alert.startsAt().toString());
        body.put("endsAt", alert.endsAt().toString());
        http.postJson("api/v2/alerts", List.of(body));
    }

    /** {@code GET /api/v2/alerts?filter=alertname="..."}. */
    public List<HeldAlert> alerts(String alertname) throws ServiceCallException {
        String filter = java.net.URLEncoder.encode("alertname=\"" + alertname + "\"",
                java.nio.charset.StandardCharsets.UTF_8);
        List<HeldAlert> alerts = new ArrayList<>();
        for (JsonNode alert : http.get("api/v2/alerts?filter=" + filter)) {
            List<String> receivers = new ArrayList<>();
            alert.path("receivers").forEach(r -> receivers.add(r.path("name").asString("")));
            alerts.add(new HeldAlert(VmAgentClient.strings(alert.path("labels")),
                    alert.path("status").path("state").asString(""), receivers));
        }
        return alerts;
    }

    public Status status() throws ServiceCallException {
        JsonNode root = http.get("api/v2/status");
        return new Status(root.path("versionInfo").path("version").asString(""),
                root.path("cluster").path("status").asString(""),
                root.path("config").path("original").asString(""));
    }

    /** {@code GET /metrics}: {@code alertmanager_notifications_total}, {@code ..._failed_total}... */
    public MetricsText metrics() throws ServiceCallException {
        return MetricsText.parse(http.getText("metrics"));
    }
}
