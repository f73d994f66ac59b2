package dev.homelab.console.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource requests and limits sized for a Raspberry Pi 5 (8 GB) home lab of 3–5 nodes, ≤ 100k active series
 * (domain brief §1.5, a recommendation to tune from observed usage). The operator's own defaults (vmsingle limit
 * 1500Mi/1200m, vmagent limit 200m) either waste a Pi's memory or throttle vmagent while it drains a backlog.
 */
public record PiProfile(String name, Map<Component, Resources> resources) {

    /** The pieces of the metrics stack that get resources. */
    public enum Component {
        OPERATOR, VMSINGLE, VMAGENT, VMALERT, ALERTMANAGER, CONFIG_RELOADER, KUBE_STATE_METRICS, NODE_EXPORTER,
        SYNC_JOB
    }

    /** Kubernetes quantities, exactly as they go into a container's {@code resources}. */
    public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {

        /** {@code {requests: {cpu, memory}, limits: {cpu, memory}}}. */
        public Map<String, Object> toValues() {
            Map<String, Object> requests = new LinkedHashMap<>();
            requests.put("cpu", cpuRequest);
            requests.put("memory", memoryRequest);
            Map<String, Object> limits = new LinkedHashMap<>();
            limits.put("cpu", cpuLimit);
            limits.put("memory", memoryLimit);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("requests", requests);
            values.put("limits", limits);
            return values;
        }
    }

    public PiProfile {
        resources = Map.copyOf(resources);
        for (Component component : Component.values()) {
            if (!resources.containsKey(component)) {
                throw new IllegalArgumentException("Profile " + name + " has no resources for " + component);
            }
        }
    }

    public static PiProfile raspberryPi5() {
        Map<Component, Resources> r = new LinkedHashMap<>();
        r.put(Component.OPERATOR, new Resources("20m", "64Mi", "200m", "256Mi"));
        r.put(Component.VMSINGLE, new Resources("100m", "384Mi", "1000m", "1536Mi"));
        r.put(Component.VMAGENT, new Resources("50m", "128Mi", "500m", "512Mi"));
        r.put(Component.VMALERT, new Resources("20m", "64Mi", "200m", "256Mi"));
        r.put(Component.ALERTMANAGER, new Resources("10m", "32Mi", "100m", "128Mi"));
        r.put(Component.CONFIG_RELOADER, new Resources("5m", "16Mi", "50m", "64Mi"));
        r.put(Component.KUBE_STATE_METRICS, new Resources("10m", "64Mi", "200m", "256Mi"));
        r.put(Component.NODE_EXPORTER, new Resources("10m", "24Mi", "200m", "64Mi"));
        r.put(Component.SYNC_JOB, new Resources("10m", "32Mi", "200m", "128Mi"));
        return new PiProfile("raspberry-pi-5-8gb", r);
    }

    public Resources of(Component component) {
        return resources.get(component);
    }
}
