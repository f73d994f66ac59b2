package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.ReleaseIdentity;
import dev.homelab.console.sandbox.scenario.Faults;
import dev.homelab.console.sandbox.scenario.MinioSpec;
import dev.homelab.console.sandbox.scenario.NodeSpec;

import java.util.List;
import java.util.Map;

/** One release to render: who it is, its values, and the facts of the lab its templates depend on. */
public record ChartContext(ReleaseIdentity release, Map<String, Object> rawValues, List<NodeSpec> nodes,
                           MinioSpec minio, Faults faults) {

    public Values values() {
        return new Values(rawValues);
    }

    public String releaseName() {
        return release.name();
    }

    public String namespace() {
        return release.namespace();
    }

    /** Helm's "fullname" helper: the release name when it already contains the chart name, else release-chart. */
    public String fullname(String chartName) {
        String override = values().string("fullnameOverride", "");
        if (!override.isEmpty()) {
            return override;
        }
        String name = release.name().contains(chartName) ? release.name() : release.name() + "-" + chartName;
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-$", "") : name;
    }
}
