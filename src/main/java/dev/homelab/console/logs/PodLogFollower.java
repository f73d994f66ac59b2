package dev.homelab.console.logs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's own log straight from the Kubernetes API ({@code kubectl logs -f --timestamps}), for when Loki has nothing
 * for the pod yet or is down. Its lines carry {@link LogEntry.Source#KUBERNETES_API} so the view marks them.
 */
public final class PodLogFollower implements AutoCloseable {

    private final KubernetesClient kube;
    private final String namespace;
    private final String pod;
    private final String container;
    private final StreamLabels labels;
    private volatile LogWatch watch;
    private volatile Thread reader;

    public PodLogFollower(KubernetesClient kube, String namespace, String pod, String container) {
        this.kube = kube;
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        Map<String, String> map = new LinkedHashMap<>();
        map.put("namespace", namespace);
        map.put("pod", pod);
        if (container != null && !container.isBlank()) {
            map.put("container", container);
        }
        this.labels = StreamLabels.of(map);
    }

    /** The last {@code tailLines} lines, once. */
    public List<LogEntry> read(int tailLines) throws LokiException {
        try {
            String text = resource().usingTimestamps().tailingLines(tailLines).getLog();
            List<LogEntry> entries = new ArrayList<>();
            if (text != null) {
                text.lines().forEach(line -> entries.add(parse(line)));
            }
            return entries;
        } catch (KubernetesClientException e) {
            throw failure(e);
        }
    }

    /** Streams the log from the last {@code tailLines} lines on, until {@link #close()}. */
    public void follow(int tailLines, TailListener listener) throws LokiException {
        try {
            LogWatch opened = resource().usingTimestamps().tailingLines(tailLines).watchLog();
            watch = opened;
            Thread thread = new Thread(() -> pump(opened, listener), "pod-log-" + pod);
            thread.setDaemon(true);
            reader = thread;
            listener.onState(TailState.LIVE, "Showing the log of pod " + namespace + "/" + pod
                    + " from the Kubernetes API (not from Loki)");
            thread.start();
        } catch (KubernetesClientException e) {
            throw failure(e);
        }
    }

    private void pump(LogWatch opened, TailListener listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(opened.getOutput(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                listener.onEntries(List.of(parse(line)));
            }
            listener.onState(TailState.STOPPED, "The pod's log stream ended (pod stopped or was replaced)");
        } catch (IOException e) {
            if (watch != null) {
                listener.onState(TailState.FAILED, "Reading the pod's log failed: " + e.getMessage());
            }
        }
    }

    private PodResource resource() {
        PodResource resource = kube.pods().inNamespace(namespace).withName(pod);
        return container == null || container.isBlank() ? resource
                : (PodResource) resource.inContainer(container);
    }

    /** {@code --timestamps} puts an RFC 3339 timestamp with nanoseconds and one space before each line. */
    LogEntry parse(String raw) {
        int space = raw.indexOf(' ');
        long nanos = System.currentTimeMillis() * 1_000_000L;
        String line = raw;
        if (space > 0) {
            try {
                nanos = NanoTime.of(Instant.parse(raw.substring(0, space)));
                line = raw.substring(space + 1);
            } catch (DateTimeParseException notATimestamp) {
                // keep the whole line and the receive time
            }
        }
        return new LogEntry(nanos, labels, line, LevelDetector.detect(line), LogEntry.Source.KUBERNETES_API);
    }

    private LokiException failure(KubernetesClientException e) {
        String advice = e.getCode() == 403 ? "; the console needs get on pods/log in " + namespace
                : e.getCode() == 404 ? "; the pod may have been replaced — pick it again" : "";
        return new LokiException(LokiException.Kind.UNREACHABLE, e.getCode(), null, null,
                "The Kubernetes API did not return the log of pod " + namespace + "/" + pod + ": "
                        + e.getMessage() + advice, e);
    }

    @Override
    public void close() {
        LogWatch current = watch;
        watch = null;
        if (current != null) {
            current.close();
        }
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
