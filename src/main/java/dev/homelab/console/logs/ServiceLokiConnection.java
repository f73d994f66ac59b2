package dev.homelab.console.logs;

import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;

import java.util.Optional;

/**
 * Loki reached through the cluster's {@link ServiceAccess}: a self-healing port-forward on a real cluster, the
 * simulated Loki in the sandbox. {@link #reopen()} asks the access again, which re-binds to the newest ready pod.
 */
public final class ServiceLokiConnection implements LokiConnection {

    private final ServiceAccess services;
    private final ServiceRef service;
    private final Optional<String> tenant;
    private volatile LokiEndpoint current;

    public ServiceLokiConnection(ServiceAccess services, ServiceRef service, Optional<String> tenant) {
        this.services = services;
        this.service = service;
        this.tenant = tenant.filter(value -> !value.isBlank());
    }

    public ServiceRef service() {
        return service;
    }

    @Override
    public LokiEndpoint endpoint() throws LokiException {
        LokiEndpoint endpoint = current;
        return endpoint != null ? endpoint : reopen();
    }

    @Override
    public LokiEndpoint reopen() throws LokiException {
        try {
            ServiceEndpoint opened = services.open(service);
            LokiEndpoint endpoint = new LokiEndpoint(opened.baseUri(), tenant, opened.via());
            current = endpoint;
            return endpoint;
        } catch (ServiceUnreachableException e) {
            throw new LokiException(LokiException.Kind.UNREACHABLE, 0, null, null, e.getMessage(), e);
        }
    }
}
