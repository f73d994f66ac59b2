package dev.homelab.console.helm;

import java.time.Duration;
import java.util.Map;

/** What to install or upgrade: release name and namespace, the chart, the complete values, and how long to wait. */
public record ReleaseRequest(String name, String namespace, ChartRef chart, Map<String, Object> values,
                             boolean createNamespace, Duration timeout) {
}
