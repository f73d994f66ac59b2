package dev.homelab.console.migration.phase3;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.cluster.Inventory.LokiDetails;
import dev.homelab.console.cluster.LokiReleaseReader;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.logs.LokiLocator;
import dev.homelab.console.migration.StepContext;
import io.fabric8.kubernetes.api.model.Secret;

import java.net.URI;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The installed Loki as Phases 3 and 4 need it: its Helm release and the inventory's reading of it, the Service that
 * Vector and Grafana talk to, and the tenant they must send when Loki is multi-tenant.
 */
public record LokiTarget(HelmRelease release, LokiDetails details, Optional<ServiceRef> service,
                         Optional<String> tenant) {

    /** Settings key for the tenant, when Loki has auth_enabled and the console cannot find the one Alloy used. */
    public static final String TENANT_SETTING = "loki.tenant";

    public static Optional<LokiTarget> find(StepContext context) {
        Optional<HelmRelease> release = context.releases().list().stream()
                .filter(r -> "loki".equals(r.chartName()))
                .findFirst();
        if (release.isEmpty()) {
            return Optional.empty();
        }
        HelmRelease loki = release.get();
        LokiDetails details = LokiReleaseReader.read(loki, chartMetadata(context, loki));
        Optional<ServiceRef> service;
        try {
            service = LokiLocator.find(context.kube(), loki.namespace());
        } catch (LokiException e) {
            service = Optional.empty();
        }
        Optional<String> tenant = details.authEnabled()
                ? context.settings().extra(TENANT_SETTING).or(() -> AlloyTenant.find(context.releases().list()))
                : Optional.empty();
        return Optional.of(new LokiTarget(loki, details, service, tenant));
    }

    /** In-cluster URL of the Loki Service ({@code http://loki-gateway.loki.svc.cluster.local:80}). */
    public Optional<URI> inClusterUrl() {
        return service.map(s -> URI.create("http://" + s.name() + "." + s.namespace() + ".svc.cluster.local"
                + (s.port() == 80 ? "" : ":" + s.port())));
    }

    /** The repository the installed chart came from, for upgrades that only change values. */
    public ChartRef chartRef() {
        boolean community = details.chartFamily() == LokiChartFamily.GRAFANA_COMMUNITY;
        return new ChartRef(community ? "grafana-community" : "grafana",
                URI.create(community ? "https://grafana-community.github.io/helm-charts"
                        : "https://grafana.github.io/helm-charts"), "loki", release.chartVersion());
    }

    private static Map<String, Object> chartMetadata(StepContext context, HelmRelease release) {
        return context.kube().secrets().inNamespace(release.namespace()).withLabel("owner", "helm")
                .withLabel("name", release.name()).list().getItems().stream()
                .filter(s -> HelmReleaseSecrets.TYPE.equals(s.getType()))
                .max(Comparator.comparingInt(LokiTarget::revision))
                .map(HelmReleaseSecrets::chartMetadata)
                .orElse(Map.of());
    }

    private static int revision(Secret secret) {
        try {
            return Integer.parseInt(secret.getMetadata().getLabels().getOrDefault("version", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
