package dev.homelab.console.reboot.run;

import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the monitoring stack's Services by the names the operator and charts give them (vmsingle-*, vmagent-*,
 * vmalertmanager-*) in any namespace, and opens them through {@link ServiceAccess}.
 */
public final class MonitoringEndpoints {

    public enum Kind {
        VMSINGLE(name -> name.startsWith("vmsingle-"), 8428),
        VMAGENT(name -> name.startsWith("vmagent-"), 8429),
        ALERTMANAGER(name -> name.startsWith("vmalertmanager-"), 9093);

        private final Predicate<String> name;
        private final int port;

        Kind(Predicate<String> name, int port) {
            this.name = name;
            this.port = port;
        }
    }

    private final KubernetesClient kube;
    private final ServiceAccess access;

    public MonitoringEndpoints(KubernetesClient kube, ServiceAccess access) {
        this.kube = kube;
        this.access = access;
    }

    public Optional<ServiceRef> find(Kind kind) {
        List<Service> services = kube.services().inAnyNamespace().list().getItems();
        return services.stream()
                .filter(s -> kind.name.test(s.getMetadata().getName()))
                .filter(s -> !s.getMetadata().getName().endsWith("-headless"))
                .findFirst()
                .map(s -> new ServiceRef(s.getMetadata().getNamespace(), s.getMetadata().getName(), port(s, kind)));
    }

    /** Opens the service or explains why not (the message names the service and what to check). */
    public ServiceEndpoint open(Kind kind) throws ServiceUnreachableException {
        Optional<ServiceRef> ref = find(kind);
        if (ref.isEmpty()) {
            throw new ServiceUnreachableException(null, "No " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " Service found in any namespace — is that part of the stack installed?", null);
        }
        return access.open(ref.get());
    }

    private static int port(Service service, Kind kind) {
        List<ServicePort> ports = service.getSpec() == null ? List.of() : service.getSpec().getPorts();
        if (ports == null || ports.isEmpty()) {
            return kind.port;
        }
        return ports.stream().filter(p -> p.getPort() != null && p.getPort() == kind.port).findFirst()
                .orElse(ports.get(0)).getPort();
    }
}
