package dev.homelab.console.logs;

import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceRef;

import java.net.URI;
import java.util.Optional;

/**
 * Decides how to reach Loki for a connected cluster: the user's address override when given, otherwise the Loki
 * Service found in the cluster, reached through the session's {@code ServiceAccess}.
 */
public final class LokiConnector {

    /** Settings keys (app settings, per user): the address override and the tenant. */
    public static final String SETTING_ADDRESS = "logs.lokiAddress";
    public static final String SETTING_TENANT = "logs.tenant";

    private LokiConnector() {
    }

    public static LokiConnection connect(ClusterSession session, Optional<URI> addressOverride,
                                         Optional<String> tenant) throws LokiException {
        if (addressOverride.isPresent()) {
            URI uri = addressOverride.get();
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new LokiException(LokiException.Kind.BAD_QUERY, 0, null, null,
                        "Loki's address must be an http(s) URL such as http://127.0.0.1:3100, was \"" + uri + "\"",
                        null);
            }
            return LokiConnection.fixed(new LokiEndpoint(uri, tenant.filter(t -> !t.isBlank()),
                    "address set by the user: " + uri));
        }
        ServiceRef service = LokiLocator.find(session.kube()).orElseThrow(() -> new LokiException(
                LokiException.Kind.UNREACHABLE, 0, null, null,
                "No Loki Service (loki-gateway or loki) was found in the cluster. Install Loki, or give its address "
                        + "explicitly if it runs elsewhere.", null));
        return new ServiceLokiConnection(session.services(), service, tenant);
    }
}
