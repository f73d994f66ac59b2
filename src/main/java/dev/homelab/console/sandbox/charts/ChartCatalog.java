package dev.homelab.console.sandbox.charts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The charts the sandbox can install, by chart name. */
public final class ChartCatalog {

    private final Map<String, Chart> charts = new LinkedHashMap<>();

    public ChartCatalog() {
        for (Chart chart : new Chart[]{new KubePrometheusStackChart(), new AlloyChart(), new LokiChart(),
                new GrafanaChart(), new MinioChart(), new VictoriaMetricsK8sStackChart(), new VectorChart()}) {
            charts.put(chart.name(), chart);
        }
    }

    public Optional<Chart> chart(String name) {
        return Optional.ofNullable(charts.get(name));
    }

    /** The repositories {@code helm repo add} can reach from the lab (every catalog chart's, plus OCI mirrors). */
    public java.util.List<String> repositoryUrls() {
        java.util.List<String> urls = new java.util.ArrayList<>(charts.values().stream()
                .map(Chart::repositoryUrl).distinct().toList());
        urls.add("https://grafana.github.io/helm-charts");
        urls.add("https://grafana-community.github.io/helm-charts");
        return urls;
    }

    public java.util.Set<String> names() {
        return charts.keySet();
    }
}
