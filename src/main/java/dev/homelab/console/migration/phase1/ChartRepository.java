package dev.homelab.console.migration.phase1;

import java.net.URI;
import java.util.Map;

/**
 * A Helm repository the migration needs, why, and the chart versions it must offer
 * ({@code chart -> version}) for the later phases.
 */
public record ChartRepository(String name, URI url, String reason, Map<String, String> charts) {

    public static final URI VICTORIA_METRICS = URI.create("https://victoriametrics.github.io/helm-charts/");
    public static final URI VECTOR = URI.create("https://helm.vector.dev");
    public static final URI GRAFANA = URI.create("https://grafana.github.io/helm-charts");
    public static final URI GRAFANA_COMMUNITY = URI.create("https://grafana-community.github.io/helm-charts");

    /** The chart versions the later phases install (domain.md §0). */
    public static final String VM_K8S_STACK_VERSION = "0.91.2";
    public static final String VECTOR_VERSION = "0.57.0";

    public ChartRepository {
        charts = Map.copyOf(charts);
    }

    public ChartRepository withUrl(URI mirror) {
        return new ChartRepository(name, mirror, reason + " (mirror)", charts);
    }
}
