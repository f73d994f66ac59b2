package dev.homelab.console.helm;

import java.time.Instant;
import java.util.Map;

/**
 * A Helm release revision as Helm stores it in its release Secret: chart identity, the user-supplied values
 * ({@code config}) and the rendered manifest.
 */
public record HelmRelease(String name, String namespace, int revision, String status, String chartName,
                          String chartVersion, String appVersion, Map<String, Object> values, String manifest,
                          Instant lastDeployed, String description) {

    public HelmRelease {
        values = values == null ? Map.of() : values;
        manifest = manifest == null ? "" : manifest;
        description = description == null ? "" : description;
    }

    /** "kube-prometheus-stack-88.5.3" as {@code helm list} prints it. */
    public String chart() {
        return chartName + "-" + chartVersion;
    }

    public boolean deployed() {
        return "deployed".equals(status);
    }
}
