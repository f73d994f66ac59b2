package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reaches in-cluster services of a real cluster through fabric8 port-forwards, always bound to the loopback address
 * (never 0.0.0.0: a forward to Loki or Grafana must not be reachable from the LAN). Like
 * {@code kubectl port-forward svc/x}, it forwards to the newest Ready pod behind the Service's selector, on the
 * Service port's targetPort. Self-healing: a watch on the Service's pods re-binds (on the same local port when it is
 * free) when the pod is deleted or stops being Ready, and a local health check re-binds when the forward reports
 * connection errors; listeners hear "re-bound to pod X". A per-service URL override (settings) bypasses all this.
 */
public final class PortForwardServiceAccess implements ServiceAccess {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwardServiceAccess.class);
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);
    /** A forward whose connections keep failing is re-bound at most this often (each re-bind costs 2 requests). */
    private static final Duration HEALTH_REBIND_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final int PORT_REUSE_ATTEMPTS = 20;
    private static final Duration PORT_REUSE_PAUSE = Duration.ofMillis(50);

    /** Hears what happens to forwards: bound, re-bound, waiting for a Ready pod. */
    @FunctionalInterface
    public interface Listener {
        void serviceEvent(ServiceRef service, String message);
    }

    private final KubernetesClient kube;
    private final Function<ServiceRef, Optional<URI>> overrides;
    private final Map<ServiceRef, Forward> forwards = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;

    /** One service's forward: the pod it goes to now, the local port it keeps, and the watch on its pods. */
    private static final class Forward {
        final ServiceRef service;
        volatile LocalPortForward forward;
        volatile String pod;
        volatile int localPort;
        volatile Watch watch;
        volatile long boundAtNanos;

        Forward(ServiceRef service) {
            this.service = service;
        }

        boolean healthy() {
            LocalPortForward current = forward;
            return current != null && current.isAlive() && !current.errorOccurred();
        }
    }

    public PortForwardServiceAccess(KubernetesClient kube, Function<ServiceRef, Optional<URI>> overrides) {
        this.kube = kube;
        this.overrides = overrides;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "port-forward-health");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::checkHealth, HEALTH_INTERVAL.toMillis(), HEALTH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
        Optional<URI> override = overrides.apply(service);
        if (override.isPresent()) {
            return new ServiceEndpoint(service, override.get(), "user override " + override.get());
        }
        Forward forward = forwards.computeIfAbsent(service, Forward::new);
        synchronized (forward) {
            if (!forward.healthy()) {
                bind(forward, forward.pod == null ? "bound" : "re-bound");
            }
            return endpoint(forward);
        }
    }

    /** The pod a service currently forwards to, if any. */
    public Optional<String> currentPod(ServiceRef service) {
        Forward forward = forwards.get(service);
        return forward == null ? Optional.empty() : Optional.ofNullable(forward.pod);
    }

    private ServiceEndpoint endpoint(Forward forward) {
        return new ServiceEndpoint(forward.service, URI.create("http://127.0.0.1:" + forward.localPort),
                "port-forward to pod " + forward.pod);
    }

    private void bind(Forward forward, String verb) throws ServiceUnreachableException {
        ServiceRef ref = forward.service;
        Service service;
        List<Pod> pods;
        try {
            service = kube.services().inNamespace(ref.namespace()).withName(ref.name()).get();
            if (service == null) {
                throw new ServiceUnreachableException(ref, "Service " + ref.namespace() + "/" + ref.name()
                        + " does not exist; is the component installed (and in that namespace)?", null);
            }
            Map<String, String> selector = ServiceBackends.selector(service);
            if (selector.isEmpty()) {
                throw new ServiceUnreachableException(ref, "Service " + ref + " has no pod selector, so there is no "
                        + "pod to forward to; set a URL override for it in the settings", null);
            }
            pods = kube.pods().inNamespace(ref.namespace()).withLabels(selector).list().getItems();
            ensureWatch(forward, selector);
        } catch (KubernetesClientException e) {
            throw new ServiceUnreachableException(ref, "Cannot look up " + ref + ": "
                    + ConnectionProblems.explain(e, kube.getConfiguration().getMasterUrl()).detail(), e);
        }
        ServiceBackends.Backend backend = ServiceBackends.choose(service, ref.port(), pods)
                .orElseThrow(() -> new ServiceUnreachableException(ref, "No Ready pod behind " + ref + " ("
                        + pods.size() + " pod(s) match its selector, none Ready with the port); "
                        + "check the pods with 'kubectl get pods -n " + ref.namespace() + "'", null));
        closeQuietly(forward.forward);
        LocalPortForward opened = openForward(ref, backend, forward.localPort);
        forward.forward = opened;
        forward.pod = backend.pod();
        forward.localPort = opened.getLocalPort();
        forward.boundAtNanos = System.nanoTime();
        String message = verb + " to pod " + backend.pod() + " (127.0.0.1:" + opened.getLocalPort() + " -> "
                + backend.targetPort() + ")";
        LOG.info("{}: {}", ref, message);
        notifyListeners(ref, message);
    }

    private LocalPortForward openForward(ServiceRef ref, ServiceBackends.Backend backend, int preferredPort)
            throws ServiceUnreachableException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try {
            if (preferredPort != 0) {
                // the listener just closed may release the port a moment later: keep the local URL if it does
                for (int attempt = 0; attempt < PORT_REUSE_ATTEMPTS; attempt++) {
                    try {
                        return kube.pods().inNamespace(ref.namespace()).withName(backend.pod())
                                .portForward(backend.targetPort(), loopback, preferredPort);
                    } catch (RuntimeException e) {
                        sleepQuietly(PORT_REUSE_PAUSE);
                    }
                }
                LOG.debug("Local port {} is taken; forwarding {} on a new port", preferredPort, ref);
            }
            return kube.pods().inNamespace(ref.namespace()).withName(backend.pod())
                    .portForward(backend.targetPort(), loopback, 0);
        } catch (RuntimeException e) {
            throw new ServiceUnreachableException(ref, "Port-forward to pod " + backend.pod() + " failed: "
                    + Redaction.scrub(e.getMessage()), e);
        }
    }

    private void ensureWatch(Forward forward, Map<String, String> selector) {
        if (forward.watch != null) {
            return;
        }
        forward.watch = kube.pods().inNamespace(forward.service.namespace()).withLabels(selector)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        // decided on the worker, in event order, against the state left by earlier events
                        worker.execute(() -> reconsider(forward, action, pod));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        LOG.debug("Pod watch for {} closed: {}", forward.service, cause.getMessage());
                        forward.watch = null;
                    }
                });
    }

    private void reconsider(Forward forward, Watcher.Action action, Pod pod) {
        if (needsRebind(forward.pod, action, pod)) {
            rebind(forward, "pod " + pod.getMetadata().getName()
                    + (action == Watcher.Action.DELETED ? " was deleted" : " is no longer Ready"));
        } else if (forward.pod == null && action != Watcher.Action.DELETED && ServiceBackends.isReady(pod)) {
            rebind(forward, "a Ready pod appeared");
        }
    }

    /** The bound pod went away or stopped being Ready. */
    static boolean needsRebind(String boundPod, Watcher.Action action, Pod pod) {
        if (boundPod == null || !boundPod.equals(pod.getMetadata().getName())) {
            return false;
        }
        return action == Watcher.Action.DELETED || !ServiceBackends.isReady(pod);
    }

    private void rebind(Forward forward, String reason) {
        synchronized (forward) {
            String before = forward.pod;
            try {
                bind(forward, "re-bound (" + reason + ")");
            } catch (ServiceUnreachableException e) {
                closeQuietly(forward.forward);
                forward.forward = null;
                forward.pod = null;
                LOG.warn("{}: {}; waiting for a Ready pod", forward.service, e.getMessage());
                notifyListeners(forward.service, reason + "; no Ready pod to re-bind to yet (was " + before + ")");
            }
        }
    }

    private void checkHealth() {
        for (Forward forward : forwards.values()) {
            LocalPortForward current = forward.forward;
            boolean backingOff = System.nanoTime() - forward.boundAtNanos < HEALTH_REBIND_BACKOFF.toNanos();
            if (current != null && !backingOff && (current.errorOccurred() || !current.isAlive())) {
                rebind(forward, "the connection to pod " + forward.pod + " failed");
            }
        }
    }

    private void notifyListeners(ServiceRef ref, String message) {
        for (Listener listener : listeners) {
            try {
                listener.serviceEvent(ref, message);
            } catch (RuntimeException e) {
                LOG.warn("Service listener failed", e);
            }
        }
    }

    /**
     * Closes a forward, waiting at most {@link #CLOSE_WAIT}: closing waits for in-flight connections, which can hang
     * when the pod vanished mid-stream. A forward still closing keeps its local port; the re-bind then takes a new one.
     */
    private static void closeQuietly(LocalPortForward forward) {
        if (forward == null) {
            return;
        }
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                forward.close();
            } catch (IOException e) {
                LOG.debug("Closing a port-forward failed: {}", e.getMessage());
            }
        });
        try {
            closing.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Port-forward on 127.0.0.1:{} still closing", forward.getLocalPort());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        for (Forward forward : forwards.values()) {
            synchronized (forward) {
                closeQuietly(forward.forward);
                if (forward.watch != null) {
                    forward.watch.close();
                }
            }
        }
        forwards.clear();
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
