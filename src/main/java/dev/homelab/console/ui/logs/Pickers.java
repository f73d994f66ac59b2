package dev.homelab.console.ui.logs;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.ui.common.BackgroundTasks;
import io.fabric8.kubernetes.api.model.Pod;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Values for the namespace / pod / container / node pickers and for LogQL completion, read from Loki's label API
 * (last 6 h) — or from the Kubernetes API when Loki cannot be reached, so the pod-log fallback can still be chosen.
 * Label values are cached per label and selector for the page's life.
 */
final class Pickers {

    private static final Duration WINDOW = Duration.ofHours(6);

    final ObservableList<String> namespaces = FXCollections.observableArrayList();
    final ObservableList<String> pods = FXCollections.observableArrayList();
    final ObservableList<String> containers = FXCollections.observableArrayList();
    final ObservableList<String> nodes = FXCollections.observableArrayList();
    final ObservableList<String> labelNames = FXCollections.observableArrayList();

    private final ConsoleContext console;
    private final BackgroundTasks tasks;
    private final Supplier<Optional<LokiClient>> client;
    private final Clock clock;
    private final Map<String, List<String>> valueCache = new ConcurrentHashMap<>();
    private volatile boolean fromKubernetes;

    Pickers(ConsoleContext console, BackgroundTasks tasks, Supplier<Optional<LokiClient>> client, Clock clock) {
        this.console = console;
        this.tasks = tasks;
        this.client = client;
        this.clock = clock;
    }

    void loadNamespaces() {
        fromKubernetes = false;
        load("Reading Loki's labels", () -> labels(null), labelNames::setAll);
        load("Reading namespaces from Loki", () -> values("namespace", null), namespaces::setAll);
        load("Reading nodes from Loki", () -> values("node", null), nodes::setAll);
    }

    /** Loki is down: pick from what the cluster runs, for the pod-log fallback. */
    void loadFromKubernetes() {
        fromKubernetes = true;
        load("Reading namespaces", () -> {
            TreeSet<String> names = new TreeSet<>();
            console.cluster().kube().namespaces().list().getItems()
                    .forEach(ns -> names.add(ns.getMetadata().getName()));
            return new ArrayList<>(names);
        }, namespaces::setAll);
    }

    void namespaceChosen(String namespace) {
        pods.clear();
        containers.clear();
        if (namespace == null || namespace.isBlank()) {
            return;
        }
        if (fromKubernetes) {
            load("Reading pods", () -> console.cluster().kube().pods().inNamespace(namespace).list().getItems()
                    .stream().map(p -> p.getMetadata().getName()).sorted().toList(), pods::setAll);
        } else {
            load("Reading pods from Loki", () -> values("pod", "{namespace=\"" + namespace + "\"}"), pods::setAll);
        }
    }

    void podChosen(String namespace, String pod) {
        containers.clear();
        if (pod == null || pod.isBlank()) {
            return;
        }
        if (fromKubernetes) {
            load("Reading containers", () -> {
                Pod found = console.cluster().kube().pods().inNamespace(namespace).withName(pod).get();
                return found == null ? List.<String>of() : found.getSpec().getContainers().stream()
                        .map(c -> c.getName()).toList();
            }, containers::setAll);
        } else {
            load("Reading containers from Loki", () -> values("container",
                    "{namespace=\"" + namespace + "\", pod=\"" + pod + "\"}"), containers::setAll);
        }
    }

    /** Cached values of a label, for completion; empty (and fetched in the background) on first ask. */
    List<String> cachedValues(String label, Runnable whenLoaded) {
        List<String> cached = valueCache.get(label + "|");
        if (cached != null) {
            return cached;
        }
        load("Reading values of " + label, () -> values(label, null), values -> whenLoaded.run());
        return List.of();
    }

    private List<String> labels(String query) throws LokiException {
        Optional<LokiClient> loki = client.get();
        if (loki.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        return loki.get().labels(now.minus(WINDOW), now, query);
    }

    private List<String> values(String label, String query) throws LokiException {
        Optional<LokiClient> loki = client.get();
        if (loki.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> values = loki.get().labelValues(label, now.minus(WINDOW), now, query);
        valueCache.put(label + "|" + (query == null ? "" : query), values);
        return values;
    }

    private interface Lookup {
        List<String> get() throws Exception;
    }

    private void load(String title, Lookup lookup, Consumer<List<String>> onFx) {
        tasks.submit(title, progress -> {
            try {
                return lookup.get();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, onFx, failure -> org.slf4j.LoggerFactory.getLogger(Pickers.class)
                .info("{} failed: {}", title, failure.getMessage()));
    }

    void dispose() {
        valueCache.clear();
    }
}
