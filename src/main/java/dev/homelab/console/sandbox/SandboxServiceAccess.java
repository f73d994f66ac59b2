package dev.homelab.console.sandbox;

import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.cluster.WorkloadInstaller;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reaches the lab's in-cluster services the way a port-forward would: only when the Service exists and a pod behind
 * it is Ready. The answer comes from the simulation registered for the Service's simulation key, served by a
 * MockWebServer on 127.0.0.1 (started once per key); requests made after the Service lost its ready pods fail like a
 * broken port-forward (connection closed).
 */
public final class SandboxServiceAccess implements ServiceAccess {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxServiceAccess.class);

    private final SandboxWorld world;
    private final Map<String, Served> servers = new LinkedHashMap<>();
    private boolean closed;

    public SandboxServiceAccess(SandboxWorld world) {
        this.world = world;
    }

    @Override
    public synchronized ServiceEndpoint open(ServiceRef ref) throws ServiceUnreachableException {
        if (closed) {
            throw new ServiceUnreachableException(ref, "Cannot reach " + ref + ": the sandbox was closed", null);
        }
        Service service = world.kube().services().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (service == null) {
            throw new ServiceUnreachableException(ref, "Cannot port-forward to " + ref + ": services \"" + ref.name()
                    + "\" not found in namespace \"" + ref.namespace() + "\". Check that the release is installed "
                    + "and the name is right (kubectl -n " + ref.namespace() + " get svc).", null);
        }
        if (service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == ref.port())) {
            throw new ServiceUnreachableException(ref, "Cannot port-forward to " + ref + ": the Service has no port "
                    + ref.port() + " (it has " + service.getSpec().getPorts().stream().map(p -> p.getPort().toString())
                    .toList() + ").", null);
        }
        String unready = readinessProblem(service);
        if (unready != null) {
            throw new ServiceUnreachableException(ref, "Cannot port-forward to " + ref + ": " + unready, null);
        }
        String key = service.getMetadata().getLabels() == null ? null
                : service.getMetadata().getLabels().get(WorkloadInstaller.SIMULATION_LABEL);
        SimulationFactory factory = key == null ? null : Simulations.factory(key).orElse(null);
        if (factory == null) {
            throw new ServiceUnreachableException(ref, "Cannot reach " + ref + ": the sandbox does not simulate the "
                    + "HTTP API of this service" + (key == null ? "" : " (simulation '" + key + "')") + ".", null);
        }
        Served served = servers.get(key);
        if (served == null) {
            served = start(key, factory);
            servers.put(key, served);
        }
        served.bind(ref);
        return new ServiceEndpoint(ref, URI.create("http://127.0.0.1:" + served.server.getPort() + "/"),
                "sandbox simulation '" + key + "'");
    }

    private Served start(String key, SimulationFactory factory) throws ServiceUnreachableException {
        SimulatedService simulation = factory.create(world);
        MockWebServer server = new MockWebServer();
        Served served = new Served(server, simulation);
        server.setDispatcher(served);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            simulation.close();
            throw new ServiceUnreachableException(new ServiceRef("sandbox", key, 0),
                    "Could not start the sandbox simulation '" + key + "': " + e.getMessage(), e);
        }
        LOG.debug("Sandbox simulation {} listening on 127.0.0.1:{}", key, server.getPort());
        return served;
    }

    /** Null when a pod behind the Service is Ready, else the reason a port-forward would give up. */
    private String readinessProblem(Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return "the Service has no selector, so there is no pod to forward to.";
        }
        List<Pod> pods = world.kube().pods().inNamespace(service.getMetadata().getNamespace())
                .withLabels(selector).list().getItems();
        if (pods.isEmpty()) {
            return "no pods match the Service's selector " + selector + ".";
        }
        if (pods.stream().anyMatch(PodFactory::isReady)) {
            return null;
        }
        Pod pod = pods.get(0);
        String phase = pod.getStatus() == null ? "Unknown" : pod.getStatus().getPhase();
        return "unable to forward port because pod " + pod.getMetadata().getName() + " is not running. Current "
                + "status=" + phase + ". Wait for it to become Ready (kubectl -n " + pod.getMetadata().getNamespace()
                + " describe pod " + pod.getMetadata().getName() + ").";
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Served served : servers.values()) {
            served.simulation.close();
            served.server.close();
        }
        servers.clear();
    }

    /** Serves one simulation; refuses requests while none of the Services it was opened for is ready. */
    private final class Served extends Dispatcher {
        private final MockWebServer server;
        private final SimulatedService simulation;
        private final List<ServiceRef> refs = new java.util.concurrent.CopyOnWriteArrayList<>();

        Served(MockWebServer server, SimulatedService simulation) {
            this.server = server;
            this.simulation = simulation;
        }

        void bind(ServiceRef ref) {
            if (!refs.contains(ref)) {
                refs.add(ref);
            }
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            boolean reachable = refs.stream().anyMatch(r -> world.serviceReady(r.namespace(), r.name()));
            if (!reachable) {
                return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket(true, true, true))
                        .build();
            }
            return simulation.dispatch(request);
        }
    }
}
