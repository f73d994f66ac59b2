package dev.homelab.console.migration.phase1;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.MigrationSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which Helm repositories the migration needs from what is installed: VictoriaMetrics and Vector always;
 * for the kept Loki and Grafana, the repository their installed chart comes from (the OSS Loki chart moved from
 * grafana to grafana-community in 2026: grafana/loki ≤ 6.x is OSS, 7.x there is enterprise-only, and the
 * community chart continues at 7.0 → 18.x). A mirror URL per repository comes from settings
 * ({@code extra["repo.<name>"]}).
 */
public final class RequiredRepositories {

    private RequiredRepositories() {
    }

    public static List<ChartRepository> detect(List<HelmRelease> installed, MigrationSettings settings) {
        Map<String, ChartRepository> needed = new LinkedHashMap<>();
        needed.put("victoria-metrics", new ChartRepository("victoria-metrics", ChartRepository.VICTORIA_METRICS,
                "victoria-metrics-k8s-stack for the metrics pipeline (Phase 2)",
                Map.of("victoria-metrics-k8s-stack", ChartRepository.VM_K8S_STACK_VERSION)));
        needed.put("vector", new ChartRepository("vector", ChartRepository.VECTOR,
                "the Vector logs agent (Phase 3)", Map.of("vector", ChartRepository.VECTOR_VERSION)));
        find(installed, "loki").ifPresent(loki -> add(needed, lokiRepository(loki), loki));
        find(installed, "grafana").ifPresent(grafana -> add(needed, grafanaRepository(grafana), grafana));
        List<ChartRepository> result = new ArrayList<>();
        for (ChartRepository repository : needed.values()) {
            String mirror = settings.extra().get("repo." + repository.name());
            result.add(mirror == null || mirror.isBlank() ? repository : repository.withUrl(URI.create(mirror)));
        }
        return result;
    }

    private static void add(Map<String, ChartRepository> needed, ChartRepository repository, HelmRelease release) {
        ChartRepository existing = needed.get(repository.name());
        if (existing == null) {
            needed.put(repository.name(), repository);
            return;
        }
        Map<String, String> charts = new LinkedHashMap<>(existing.charts());
        charts.putAll(repository.charts());
        needed.put(repository.name(), new ChartRepository(existing.name(), existing.url(),
                existing.reason() + "; " + repository.reason(), charts));
    }

    static ChartRepository lokiRepository(HelmRelease loki) {
        int major = major(loki.chartVersion());
        String reason = "the installed Loki (" + loki.namespace() + "/" + loki.name() + ", chart " + loki.chart()
                + ") for the Loki review (Phase 3)";
        Object enterprise = nested(loki.values(), "enterprise", "enabled");
        if (major <= 6 || Boolean.TRUE.equals(enterprise)) {
            return new ChartRepository("grafana", ChartRepository.GRAFANA, reason,
                    Map.of("loki", loki.chartVersion()));
        }
        return new ChartRepository("grafana-community", ChartRepository.GRAFANA_COMMUNITY, reason,
                Map.of("loki", loki.chartVersion()));
    }

    static ChartRepository grafanaRepository(HelmRelease grafana) {
        int major = major(grafana.chartVersion());
        String reason = "the installed Grafana (" + grafana.namespace() + "/" + grafana.name() + ", chart "
                + grafana.chart() + ") for datasources and dashboards (Phase 4)";
        return major >= 11
                ? new ChartRepository("grafana-community", ChartRepository.GRAFANA_COMMUNITY, reason,
                Map.of("grafana", grafana.chartVersion()))
                : new ChartRepository("grafana", ChartRepository.GRAFANA, reason, Map.of("grafana",
                grafana.chartVersion()));
    }

    private static Optional<HelmRelease> find(List<HelmRelease> installed, String chart) {
        return installed.stream().filter(r -> chart.equals(r.chartName())).findFirst();
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object nested(Map<String, Object> values, String... path) {
        Object current = values;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }
}
