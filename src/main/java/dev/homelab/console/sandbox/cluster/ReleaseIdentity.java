package dev.homelab.console.sandbox.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which Helm release an object belongs to, and the labels/annotations Helm and the charts put on it. */
public record ReleaseIdentity(String name, String namespace, String chart, String version, String appVersion) {

    /** Labels common to the charts' "standard labels" helper. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "Helm");
        labels.put("app.kubernetes.io/instance", name);
        labels.put("helm.sh/chart", chart + "-" + version);
        if (!appVersion.isEmpty()) {
            labels.put("app.kubernetes.io/version", appVersion.replace('+', '_'));
        }
        return labels;
    }

    /** What Helm 3 stamps on every object it manages (adoption checks read these). */
    public Map<String, String> annotations() {
        return Map.of("meta.helm.sh/release-name", name, "meta.helm.sh/release-namespace", namespace);
    }
}
