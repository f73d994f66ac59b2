package dev.homelab.console.sandbox.api;

import dev.homelab.console.cluster.ServiceRef;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pods' port-forward subresource, which fabric8's mock server does not have: the WebSocket upgrade of
 * {@code /api/v1/namespaces/NS/pods/POD/portforward?ports=N} is bridged to the simulation that serves the Service in
 * front of that pod and port. With it, a client that only has the lab's kubeconfig (the app in another process, or
 * kubectl-style code such as {@code cluster.PortForwardServiceAccess}) reaches Loki, VictoriaMetrics or Grafana of the
 * lab exactly as it would in a real cluster.
 */
public final class PortForwardSimulation {

    /** Where the simulation of a Service listens (the sandbox's own service access). */
    @FunctionalInterface
    public interface SimulationEndpoints {
        URI open(ServiceRef service) throws Exception;
    }

    private final KubernetesClient kube;
    private final SimulationEndpoints endpoints;

    public PortForwardSimulation(KubernetesClient kube, SimulationEndpoints endpoints) {
        this.kube = kube;
        this.endpoints = endpoints;
    }

    /**
     * Answers the upgrade request. {@code podExists} is decided by the caller from the CRUD store directly: the
     * dispatcher runs on the mock server's event loop, so nothing here may call the API server over HTTP — the
     * target is resolved on the bridge's own thread once the WebSocket is open.
     */
    MockResponse respond(String namespace, String podName, String ports, boolean podExists) {
        if (!podExists) {
            return ApiResponses.notFound("pods", podName);
        }
        int port;
        try {
            port = Integer.parseInt(Objects.requireNonNullElse(ports, "").split(",")[0].trim());
        } catch (NumberFormatException e) {
            return ApiResponses.json(400, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                    "reason", "BadRequest", "code", 400, "message", "query parameter \"ports\" is required"));
        }
        return new MockResponse().withWebSocketUpgrade(new PortForwardBridge(port, () -> target(namespace, podName,
                port)));
    }

    /** Where the forward goes; throws with the kubelet's kind of message when nothing listens there. */
    private URI target(String namespace, String podName, int port) throws Exception {
        Pod pod = kube.pods().inNamespace(namespace).withName(podName).get();
        if (pod == null) {
            throw new IllegalStateException("error forwarding port " + port + " to pod " + podName + ": pod not found");
        }
        List<ServiceRef> services = servicesFor(pod, port);
        if (services.isEmpty()) {
            throw new IllegalStateException("error forwarding port " + port + " to pod " + podName + ": connection "
                    + "refused (the sandbox simulates only ports that a Service selects)");
        }
        Exception last = null;
        for (ServiceRef service : services) {
            try {
                return endpoints.open(service);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("error forwarding port " + port + " to pod " + podName + ": "
                + last.getMessage(), last);
    }

    /**
     * The Services (and their ports) that send traffic for {@code port} to this pod — any of them leads to the same
     * process; those with a cluster IP come first, headless ones (which a chart adds for peers) last.
     */
    private List<ServiceRef> servicesFor(Pod pod, int port) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        List<Service> candidates = new java.util.ArrayList<>(kube.services().inNamespace(pod.getMetadata()
                .getNamespace()).list().getItems());
        candidates.sort(java.util.Comparator.comparing((Service s) -> "None".equals(s.getSpec().getClusterIP()))
                .thenComparing(s -> s.getMetadata().getName()));
        List<ServiceRef> found = new java.util.ArrayList<>();
        for (Service service : candidates) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty() || !labels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                if (targetPort(pod, servicePort) == port) {
                    found.add(new ServiceRef(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                            servicePort.getPort()));
                }
            }
        }
        return found;
    }

    private static int targetPort(Pod pod, ServicePort servicePort) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null) {
            return servicePort.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        return pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .filter(p -> target.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }
}
