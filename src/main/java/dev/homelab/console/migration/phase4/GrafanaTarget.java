package dev.homelab.console.migration.phase4;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.values.ValuesTree;
import io.fabric8.kubernetes.api.model.Service;

import java.util.Map;
import java.util.Optional;

/**
 * The existing Grafana: which release it belongs to (its own chart, or kube-prometheus-stack's subchart — which
 * Phase 5 would remove with it), its Service, and how its datasources are provisioned (sidecar label or API only).
 */
public record GrafanaTarget(HelmRelease release, boolean partOfKubePrometheusStack, String namespace,
                            Optional<ServiceRef> service, boolean sidecar, String sidecarLabel,
                            String sidecarLabelValue) {

    public static Optional<GrafanaTarget> find(StepContext context) {
        for (HelmRelease release : context.releases().list()) {
            if ("grafana".equals(release.chartName())) {
                return Optional.of(of(context, release, release.values(), false));
            }
        }
        for (HelmRelease release : context.releases().list()) {
            if ("kube-prometheus-stack".equals(release.chartName())
                    && ValuesTree.getBoolean(release.values(), "grafana.enabled").orElse(true)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> grafana = (Map<String, Object>) ValuesTree.get(release.values(), "grafana")
                        .filter(Map.class::isInstance).orElse(Map.of());
                return Optional.of(of(context, release, grafana, true));
            }
        }
        return Optional.empty();
    }

    private static GrafanaTarget of(StepContext context, HelmRelease release, Map<String, Object> values,
                                    boolean subchart) {
        // kube-prometheus-stack turns the datasource sidecar on with label value "1"; the grafana chart has it off
        boolean sidecar = ValuesTree.getBoolean(values, "sidecar.datasources.enabled").orElse(subchart);
        String label = ValuesTree.getString(values, "sidecar.datasources.label").orElse("grafana_datasource");
        String labelValue = ValuesTree.getString(values, "sidecar.datasources.labelValue").orElse(subchart ? "1" : "");
        Optional<ServiceRef> service = context.kube().services().inNamespace(release.namespace())
                .withLabel("app.kubernetes.io/name", "grafana").list().getItems().stream()
                .filter(s -> release.name().equals(s.getMetadata().getLabels().get("app.kubernetes.io/instance")))
                .findFirst().map(GrafanaTarget::ref);
        return new GrafanaTarget(release, subchart, release.namespace(), service, sidecar, label,
                labelValue.isEmpty() ? "1" : labelValue);
    }

    private static ServiceRef ref(Service service) {
        int port = service.getSpec().getPorts().isEmpty() ? 80 : service.getSpec().getPorts().get(0).getPort();
        return new ServiceRef(service.getMetadata().getNamespace(), service.getMetadata().getName(), port);
    }
}
