package dev.homelab.console.reboot.run;

import dev.homelab.console.util.Json;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Alertmanager's active alerts ({@code GET /api/v2/alerts?active=true}) and keeps those about the rebooted
 * node: labels {@code node}, {@code instance}, {@code kubernetes_node} or {@code nodename} naming it or one of its
 * addresses.
 */
public final class AlertWatch {

    private final PromApiClient alertmanager;
    private final List<String> nodeAddresses;
    private final Clock clock;
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    public AlertWatch(PromApiClient alertmanager, List<String> nodeAddresses, Clock clock) {
        this.alertmanager = alertmanager;
        this.nodeAddresses = List.copyOf(nodeAddresses);
        this.clock = clock;
    }

    /** Reads once; returns the names active now and remembers when each was first seen. */
    public synchronized Set<String> poll() throws PromApiException {
        JsonNode alerts = Json.JSON.readTree(alertmanager.getText("/api/v2/alerts?active=true"));
        Set<String> active = new TreeSet<>();
        for (JsonNode alert : alerts) {
            JsonNode labels = alert.path("labels");
            if (aboutNode(labels)) {
                String name = labels.path("alertname").asString("");
                active.add(name);
                seen.putIfAbsent(name, clock.instant());
            }
        }
        return active;
    }

    public synchronized Map<String, Instant> seen() {
        return Map.copyOf(seen);
    }

    private boolean aboutNode(JsonNode labels) {
        for (String key : new String[]{"node", "instance", "kubernetes_node", "nodename"}) {
            String value = labels.path(key).asString("");
            if (value.isEmpty()) {
                continue;
            }
            String host = dev.homelab.console.reboot.gaps.TargetNodeResolver.hostOf(value);
            if (nodeAddresses.contains(value) || nodeAddresses.contains(host)) {
                return true;
            }
        }
        return false;
    }
}
