package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pod a port-forward to a Service goes to, as kubectl does for {@code port-forward svc/x}: the Service's
 * selector, the newest Ready pod (not terminating), and the Service port's {@code targetPort} — a number, or a name
 * looked up in that pod's container ports.
 */
public final class ServiceBackends {

    /** A pod and the container port on it that serves the Service port. */
    public record Backend(String pod, int targetPort) {
    }

    private ServiceBackends() {
    }

    public static Map<String, String> selector(Service service) {
        return service.getSpec() == null || service.getSpec().getSelector() == null
                ? Map.of() : service.getSpec().getSelector();
    }

    public static Optional<Backend> choose(Service service, int servicePort, List<Pod> candidates) {
        Map<String, String> selector = selector(service);
        if (selector.isEmpty()) {
            return Optional.empty();
        }
        ServicePort port = servicePort(service, servicePort);
        return candidates.stream()
                .filter(pod -> matches(pod, selector))
                .filter(ServiceBackends::isReady)
                .max(Comparator.comparing(ServiceBackends::created).thenComparing(p -> p.getMetadata().getName()))
                .flatMap(pod -> targetPort(port, servicePort, pod).map(p -> new Backend(pod.getMetadata().getName(), p)));
    }

    public static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    static boolean matches(Pod pod, Map<String, String> selector) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static ServicePort servicePort(Service service, int port) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return null;
        }
        return service.getSpec().getPorts().stream().filter(p -> p.getPort() != null && p.getPort() == port)
                .findFirst().orElse(null);
    }

    private static Optional<Integer> targetPort(ServicePort port, int servicePort, Pod pod) {
        if (port == null) {
            return Optional.empty();
        }
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return Optional.of(servicePort);
        }
        if (target.getIntVal() != null) {
            return Optional.of(target.getIntVal());
        }
        String name = target.getStrVal();
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return Optional.empty();
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    private static Instant created(Pod pod) {
        String timestamp = pod.getMetadata().getCreationTimestamp();
        return timestamp == null ? Instant.EPOCH : Instant.parse(timestamp);
    }
}
