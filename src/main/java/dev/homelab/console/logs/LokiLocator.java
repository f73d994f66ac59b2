package dev.homelab.console.logs;

import dev.homelab.console.cluster.ServiceRef;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the Service through which Loki answers queries: the chart's nginx gateway ({@code loki-gateway}, port 80) when
 * there is one, otherwise the single binary ({@code loki}, port 3100). Release-prefixed names
 * ({@code my-loki-gateway}) and the chart's {@code app.kubernetes.io/name=loki} label are recognised too.
 */
public final class LokiLocator {

    private LokiLocator() {
    }

    /** Searches every namespace. */
    public static Optional<ServiceRef> find(KubernetesClient kube) throws LokiException {
        return find(kube, null);
    }

    /** Searches the given namespace (the Loki release's, from the inventory), or every namespace when null. */
    public static Optional<ServiceRef> find(KubernetesClient kube, String namespace) throws LokiException {
        List<Service> services;
        try {
            services = namespace == null ? kube.services().inAnyNamespace().list().getItems()
                    : kube.services().inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            throw new LokiException(LokiException.Kind.UNREACHABLE, e.getCode(), null, null,
                    "Could not list Services to find Loki (" + e.getMessage() + "); give Loki's address explicitly "
                            + "or grant list on services.", e);
        }
        return services.stream()
                .map(LokiLocator::candidate)
                .flatMap(Optional::stream)
                .min(Comparator.comparingInt(Candidate::rank))
                .map(Candidate::ref);
    }

    private record Candidate(ServiceRef ref, int rank) {
    }

    private static Optional<Candidate> candidate(Service service) {
        String name = service.getMetadata().getName();
        String namespace = service.getMetadata().getNamespace();
        String appName = service.getMetadata().getLabels() == null ? null
                : service.getMetadata().getLabels().get("app.kubernetes.io/name");
        boolean lokiChart = "loki".equals(appName);
        if (name.equals("loki-gateway") || name.endsWith("-loki-gateway") || lokiChart && name.endsWith("-gateway")) {
            return port(service, 80, "http-metrics", "http").map(port -> new Candidate(
                    new ServiceRef(namespace, name, port), name.equals("loki-gateway") ? 0 : 1));
        }
        if (name.equals("loki") || name.endsWith("-loki") || lokiChart && !name.contains("headless")
                && !name.contains("memberlist") && !name.contains("canary") && !name.contains("cache")) {
            return port(service, 3100, "http-metrics", "http").map(port -> new Candidate(
                    new ServiceRef(namespace, name, port), name.equals("loki") ? 2 : 3));
        }
        return Optional.empty();
    }

    private static Optional<Integer> port(Service service, int preferred, String... names) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of() : service.getSpec().getPorts();
        for (ServicePort port : ports) {
            if (port.getPort() != null && port.getPort() == preferred) {
                return Optional.of(preferred);
            }
        }
        for (String name : names) {
            for (ServicePort port : ports) {
                if (name.equals(port.getName())) {
                    return Optional.of(port.getPort());
                }
            }
        }
        return Optional.empty();
    }
}
