package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile.Resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stack scrapes and which default rule groups it loads, adapted to k3s (domain brief §2):
 * k3s runs controller-manager, scheduler, etcd and kube-proxy inside one process bound to 127.0.0.1, so their
 * scrapes find nothing and their {@code absent()} alerts would fire forever — the scrapes are off and the rule groups
 * {@code kubernetes-system-controller-manager}, {@code kubernetes-system-scheduler}, {@code kube-scheduler.rules} are
 * disabled (the etcd rules follow {@code kubeEtcd.enabled} by themselves). Every k3s metrics port serves the
 * combined registry, so the kubelet scrape drops the duplicated {@code apiserver_}, {@code etcd_} and
 * {@code workqueue_} series. node-exporter is installed only when no other node-exporter holds host port 9100.
 */
public record ScrapeTargetsValues(boolean k3s, boolean nodeExporter, Resources nodeExporterResources,
                                  Resources kubeStateMetricsResources) {

    /** Rule groups that can never work on k3s. */
    public static final List<String> K3S_DISABLED_RULE_GROUPS =
            List.of("kubernetes-system-controller-manager", "kubernetes-system-scheduler", "kube-scheduler.rules");
    /** Series every k3s metrics port repeats. */
    public static final String DUPLICATED_SERIES = "(apiserver_|etcd_|workqueue_).*";

    public Map<String, Object> toValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("prometheus-node-exporter", OrderedMap.of(
                "enabled", nodeExporter,
                "resources", nodeExporter ? nodeExporterResources.toValues() : null));
        values.put("kube-state-metrics", OrderedMap.of(
                "enabled", true,
                "resources", kubeStateMetricsResources.toValues()));
        if (k3s) {
            values.put("kubelet", OrderedMap.of("enabled", true,
                    "vmScrape", OrderedMap.of("spec", OrderedMap.of("metricRelabelConfigs", kubeletRelabelling()))));
            for (String component : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy")) {
                values.put(component, OrderedMap.of("enabled", false));
            }
            Map<String, Object> groups = new LinkedHashMap<>();
            K3S_DISABLED_RULE_GROUPS.forEach(group -> groups.put(group, OrderedMap.of("enabled", false)));
            values.put("defaultRules", OrderedMap.of("groups", groups));
        }
        return values;
    }

    /**
     * Helm replaces lists instead of merging them, so the chart's own three rules (copied from its values.yaml)
     * are repeated before ours.
     */
    static List<Object> kubeletRelabelling() {
        return List.of(
                OrderedMap.of("action", "labeldrop", "regex", "(uid)"),
                OrderedMap.of("action", "labeldrop", "regex", "(id|name)"),
                OrderedMap.of("action", "drop", "source_labels", List.of("__name__"),
                        "regex", "(rest_client_request_duration_seconds_bucket|rest_client_request_duration_seconds_sum"
                                + "|rest_client_request_duration_seconds_count)"),
                OrderedMap.of("action", "drop", "source_labels", List.of("__name__"), "regex", DUPLICATED_SERIES));
    }
}
