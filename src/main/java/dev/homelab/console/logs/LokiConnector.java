package dev.homelab.console.logs;

import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.MonitoringComponent;
import dev.homelab.console.cluster.MonitoringInventory;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.task.Progress;

import java.net.URI;
import java.util.Optional;

/**
 * Decides how to reach Loki for a connected cluster: the user's address override when given, otherwise the Loki
 * release the monitoring inventory found (its namespace, and whether it runs with {@code auth_enabled}) and its
 * gateway or single-binary Service, reached through the session's {@code ServiceAccess}.
 */
public final class LokiConnector {

    /** Settings keys (app settings, per user): the address override and the tenant. */
    public static final String SETTING_ADDRESS = "logs.lokiAddress";
    public static final String SETTING_TENANT = "logs.tenant";

    private LokiConnector() {
    }

    /** How Loki will be reached, and what the inventory says about tenants. */
    public record Target(LokiConnection connection, String description, boolean authEnabled,
                         Optional<String> tenant) {

        /** A warning for the user when Loki wants a tenant and none is set; empty otherwise. */
        public Optional<String> tenantWarning() {
            return authEnabled && tenant.isEmpty()
                    ? Optional.of("Loki runs with auth_enabled: set the tenant (X-Scope-OrgID) your log agent writes "
                    + "with, or queries are refused with \"no org id\"")
                    : Optional.empty();
        }
    }

    /** The connection alone, for checks that need no description (verification, the reboot test). */
    public static LokiConnection connect(ClusterSession session, Optional<URI> addressOverride,
                                         Optional<String> tenant) throws LokiException {
        return connect(session, addressOverride, tenant, Progress.none()).connection();
    }

    public static Target connect(ClusterSession session, Optional<URI> addressOverride, Optional<String> tenant,
                                 Progress progress) throws LokiException {
        Optional<String> cleanTenant = tenant.filter(t -> !t.isBlank());
        if (addressOverride.isPresent()) {
            URI uri = addressOverride.get();
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new LokiException(LokiException.Kind.BAD_QUERY, 0, null, null,
                        "Loki's address must be an http(s) URL such as http://127.0.0.1:3100, was \"" + uri + "\"",
                        null);
            }
            String via = "address set by the user: " + uri;
            return new Target(LokiConnection.fixed(new LokiEndpoint(uri, cleanTenant, via)), via, false, cleanTenant);
        }
        Optional<Inventory.MonitoringRelease> release = lokiRelease(session, progress);
        progress.update("Looking for Loki's Service", -1);
        String namespace = release.map(Inventory.MonitoringRelease::namespace).orElse(null);
        Optional<ServiceRef> service = LokiLocator.find(session.kube(), namespace);
        if (service.isEmpty() && namespace != null) {
            service = LokiLocator.find(session.kube(), null);
        }
        ServiceRef ref = service.orElseThrow(() -> new LokiException(LokiException.Kind.UNREACHABLE, 0, null, null,
                "No Loki Service (loki-gateway or loki) was found in the cluster. Install Loki, or give its address "
                        + "explicitly if it runs elsewhere.", null));
        boolean authEnabled = release.map(r -> r.loki() != null && r.loki().authEnabled()).orElse(false);
        String description = "Service " + ref + release.map(r -> " of Helm release " + r.namespace() + "/" + r.name()
                + " (" + r.chartName() + " " + r.chartVersion() + ")").orElse("");
        return new Target(new ServiceLokiConnection(session.services(), ref, cleanTenant), description, authEnabled,
                cleanTenant);
    }

    private static Optional<Inventory.MonitoringRelease> lokiRelease(ClusterSession session, Progress progress) {
        try {
            return new MonitoringInventory(session.kube()).scan(progress).release(MonitoringComponent.LOKI);
        } catch (ConnectionFailedException e) {
            // the Service search below still works without Helm's release Secrets (e.g. no permission to read them)
            org.slf4j.LoggerFactory.getLogger(LokiConnector.class)
                    .info("Inventory unavailable while looking for Loki: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
