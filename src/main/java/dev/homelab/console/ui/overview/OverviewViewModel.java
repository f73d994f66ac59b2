package dev.homelab.console.ui.overview;

import dev.homelab.console.cluster.NodeSummary;
import dev.homelab.console.cluster.NodeUsage;
import dev.homelab.console.cluster.NodeWatcher;
import dev.homelab.console.cluster.UsageSample;
import dev.homelab.console.telemetry.NodeUsageRound;
import dev.homelab.console.telemetry.Sampler;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.ui.common.ConnectTiming;
import dev.homelab.console.ui.common.FxCoalescer;
import dev.homelab.console.ui.shell.UiContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The overview's live state: nodes from the informer-backed {@link NodeWatcher}, usage from the rounds of the
 * session's telemetry {@link Sampler} (no requests of its own: the API budget is the sampler's 2 per round), both
 * coalesced into the FX thread, and the monitoring inventory.
 */
final class OverviewViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OverviewViewModel.class);

    private final UiContext context;
    private final ObservableList<NodeRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper watchProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper usageProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<UsageSample> lastSample = new ReadOnlyObjectWrapper<>();
    private final FxCoalescer<List<NodeSummary>> nodeUpdates = new FxCoalescer<>(this::showNodes);
    private final FxCoalescer<UsageSample> usageUpdates = new FxCoalescer<>(this::showUsage);
    private final InventoryModel inventory;
    private List<NodeSummary> nodes = List.of();
    private volatile NodeWatcher watcher;
    private final Consumer<NodeUsageRound> roundListener = round -> usageUpdates.push(usageSample(round));
    private final Optional<Sampler> sampler;
    private volatile boolean closed;
    private static final java.time.Duration NODE_LIST_PATIENCE = java.time.Duration.ofSeconds(15);
    private static final int MAX_NODE_WATCH_RESTARTS = 3;
    private final PauseTransition nodeListWatchdog = new PauseTransition(Duration.seconds(NODE_LIST_PATIENCE
            .toSeconds()));
    private int nodeWatchRestarts;

    OverviewViewModel(UiContext context) {
        this.context = context;
        this.inventory = new InventoryModel(context);
        this.sampler = context.telemetry().flatMap(Telemetry::sampler);
    }

    /** Starts the node informer off the FX thread (its first list blocks) and follows the sampler's rounds. */
    void start() {
        startNodeWatch();
        inventory.refresh();
        if (sampler.isPresent()) {
            sampler.get().addRoundListener(roundListener);
            sampler.get().lastRound().ifPresent(roundListener);
        } else {
            usageProblem.set("Node usage is not sampled in this session: the resource history could not start"
                    + " (the log names the cause). Switch cluster and connect again.");
        }
    }

    private void startNodeWatch() {
        KubernetesClient kube = context.console().cluster().kube();
        nodeListWatchdog.setOnFinished(event -> checkNodeListArrived());
        nodeListWatchdog.playFromStart();
        context.tasks().submit("Watching nodes", progress -> {
            progress.update("Listing nodes and starting the watch", -1);
            NodeWatcher newWatcher = new NodeWatcher(kube);
            newWatcher.addListener((event, snapshot) -> nodeUpdates.push(snapshot));
            watcher = newWatcher;
            // Snapshots reach the table only from the informer's own thread, in order: a snapshot taken here could
            // be older than the handler's last one and, pushed after it, would blank the table for good.
            newWatcher.start();
            if (closed) {
                close();
            }
            return null;
        }, ignored -> { }, error -> {
            LOG.warn("The overview's node watch failed", error);
            watchProblem.set("The node list could not be read: " + error.getMessage()
                    + ". Check the connection (status bar) and switch cluster to reconnect.");
        });
    }

    /**
     * Every cluster has nodes, so a node list that has not arrived after {@link #NODE_LIST_PATIENCE} means the watch
     * is stuck without an error (a proxy that holds the request, say): start it again, a few times at most, and say
     * so in the log.
     */
    private void checkNodeListArrived() {
        if (closed || !nodes.isEmpty() || watchProblem.get() != null || nodeWatchRestarts >= MAX_NODE_WATCH_RESTARTS) {
            return;
        }
        nodeWatchRestarts++;
        NodeWatcher stuck = watcher;
        LOG.warn("No node list {} s after the node watch started (informer synced: {}); starting it again ({} of {})",
                NODE_LIST_PATIENCE.toSeconds(), stuck != null && stuck.hasSynced(), nodeWatchRestarts,
                MAX_NODE_WATCH_RESTARTS);
        watcher = null;
        if (stuck != null) {
            context.tasks().submit("Stopping the stuck node watch", progress -> {
                stuck.close();
                return null;
            }, ignored -> { }, error -> LOG.debug("Closing the stuck node watch: {}", error.getMessage()));
        }
        startNodeWatch();
    }

    /** The telemetry's reading in the overview's units (millicores, bytes). */
    static UsageSample usageSample(NodeUsageRound round) {
        Map<String, NodeUsage> nodes = new LinkedHashMap<>();
        round.nodes().forEach(reading -> nodes.put(reading.node(), new NodeUsage(reading.node(),
                Math.round(reading.usage().cpuCores() * 1000), Math.round(reading.usage().memoryBytes()),
                reading.timestamp() == null ? round.at() : reading.timestamp())));
        return new UsageSample(round.at(), nodes, round.problem());
    }

    private void showNodes(List<NodeSummary> snapshot) {
        nodes = snapshot;
        rebuildRows();
        ConnectTiming.nodesShown(snapshot.size());
    }

    private void showUsage(UsageSample sample) {
        UsageSample shown = lastSample.get();
        if (shown != null && sample.at().isBefore(shown.at())) {
            return; // the sampler's last round, read on connect, can arrive after a newer one
        }
        lastSample.set(sample);
        usageProblem.set(sample.ok() ? null : sample.problem());
        rebuildRows();
    }

    private void rebuildRows() {
        UsageSample sample = lastSample.get();
        List<NodeRow> next = new ArrayList<>(nodes.size());
        for (NodeSummary node : nodes) {
            NodeUsage usage = sample == null ? null : sample.nodes().get(node.name());
            next.add(usage == null ? NodeRow.withoutUsage(node)
                    : new NodeRow(node, usage.cpuMillis(), usage.memoryBytes()));
        }
        rows.setAll(next);
    }

    ObservableList<NodeRow> rows() {
        return rows;
    }

    /** ", every 15 s" — the session sampler's interval, which the user can change in the history settings. */
    String intervalText() {
        return sampler.map(s -> ", every " + s.interval().toSeconds() + " s").orElse("");
    }

    ReadOnlyStringProperty watchProblemProperty() {
        return watchProblem.getReadOnlyProperty();
    }

    /** Null while metrics.k8s.io answers; otherwise what went wrong. */
    ReadOnlyStringProperty usageProblemProperty() {
        return usageProblem.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<UsageSample> lastSampleProperty() {
        return lastSample.getReadOnlyProperty();
    }

    InventoryModel inventory() {
        return inventory;
    }

    @Override
    public void close() {
        closed = true;
        if (javafx.application.Platform.isFxApplicationThread()) {
            nodeListWatchdog.stop();
        } else {
            javafx.application.Platform.runLater(nodeListWatchdog::stop);
        }
        sampler.ifPresent(s -> s.removeRoundListener(roundListener));
        NodeWatcher currentWatcher = watcher;
        if (currentWatcher != null) {
            currentWatcher.close();
        }
    }
}
