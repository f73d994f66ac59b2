package dev.homelab.console.sandbox.usage;

import java.util.Map;

/** Usage profiles by the key the sandbox stamps on each pod (annotation sandbox.homelab.dev/profile). */
public final class UsageProfiles {

    private static final UsageProfile UNKNOWN = new UsageProfile(20, 4, 2, 1);

    private static final Map<String, UsageProfile> PROFILES = Map.ofEntries(
            // k3s add-ons
            Map.entry("coredns", new UsageProfile(24, 3, 4, 2)),
            Map.entry("local-path-provisioner", new UsageProfile(14, 2, 1, 1)),
            Map.entry("metrics-server", new UsageProfile(32, 4, 8, 3)),
            // today's monitoring: kube-prometheus-stack + Alloy
            Map.entry("prometheus", new UsageProfile(1430, 170, 190, 80)),
            Map.entry("prometheus-operator", new UsageProfile(58, 6, 4, 2)),
            Map.entry("kube-state-metrics", new UsageProfile(52, 6, 6, 3)),
            Map.entry("node-exporter", new UsageProfile(21, 3, 9, 4)),
            Map.entry("kps-alertmanager", new UsageProfile(42, 5, 3, 1)),
            Map.entry("alloy", new UsageProfile(250, 30, 45, 18)),
            // kept
            Map.entry("loki", new UsageProfile(410, 60, 65, 30)),
            Map.entry("loki-gateway", new UsageProfile(12, 2, 1, 1)),
            Map.entry("loki-canary", new UsageProfile(18, 3, 2, 1)),
            Map.entry("memcached-chunks", new UsageProfile(1150, 120, 15, 5)),
            Map.entry("memcached-results", new UsageProfile(260, 30, 5, 2)),
            Map.entry("grafana", new UsageProfile(185, 20, 12, 6)),
            Map.entry("minio", new UsageProfile(225, 30, 25, 12)),
            // the target: victoria-metrics-k8s-stack + Vector
            Map.entry("vm-operator", new UsageProfile(46, 5, 5, 2)),
            Map.entry("vmsingle", new UsageProfile(205, 30, 60, 25)),
            Map.entry("vmagent", new UsageProfile(62, 10, 30, 12)),
            Map.entry("vmalert", new UsageProfile(30, 4, 6, 3)),
            Map.entry("vm-alertmanager", new UsageProfile(28, 3, 2, 1)),
            Map.entry("vector", new UsageProfile(60, 10, 22, 10)));

    private UsageProfiles() {
    }

    public static UsageProfile of(String key) {
        return key == null ? UNKNOWN : PROFILES.getOrDefault(key, UNKNOWN);
    }
}
