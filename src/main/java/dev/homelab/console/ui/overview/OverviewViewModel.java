package dev.homelab.console.ui.overview;

import dev.homelab.console.cluster.NodeSummary;
import dev.homelab.console.cluster.NodeUsage;
import dev.homelab.console.cluster.NodeUsageSampler;
import dev.homelab.console.cluster.NodeWatcher;
import dev.homelab.console.cluster.UsageSample;
import dev.homelab.console.ui.common.ConnectTiming;
import dev.homelab.console.ui.common.FxCoalescer;
import dev.homelab.console.ui.shell.UiContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The overview's live state: nodes from the informer-backed {@link NodeWatcher}, usage from the
 * {@link NodeUsageSampler} (every 15 s), both coalesced into the FX thread, and the monitoring inventory.
 */
final class OverviewViewModel implements AutoCloseable {

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
    private volatile NodeUsageSampler sampler;
    private volatile boolean closed;

    OverviewViewModel(UiContext context) {
        this.context = context;
        this.inventory = new InventoryModel(context);
    }

    /** Starts the node informer and the usage sampler off the FX thread (the informer's first list blocks). */
    void start() {
        KubernetesClient kube = context.console().cluster().kube();
        context.tasks().submit("Watching nodes", progress -> {
            progress.update("Listing nodes and starting the watch", -1);
            NodeWatcher newWatcher = new NodeWatcher(kube);
            newWatcher.addListener((event, snapshot) -> nodeUpdates.push(snapshot));
            watcher = newWatcher;
            newWatcher.start();
            nodeUpdates.push(newWatcher.snapshot());
            NodeUsageSampler newSampler = new NodeUsageSampler(kube, NodeUsageSampler.DEFAULT_INTERVAL);
            newSampler.addListener(usageUpdates::push);
            sampler = newSampler;
            if (closed) {
                close();
            } else {
                newSampler.start();
            }
            return null;
        }, ignored -> { }, error -> watchProblem.set("The node list could not be read: " + error.getMessage()
                + ". Check the connection (status bar) and switch cluster to reconnect."));
        inventory.refresh();
    }

    private void showNodes(List<NodeSummary> snapshot) {
        nodes = snapshot;
        rebuildRows();
        ConnectTiming.nodesShown(snapshot.size());
    }

    private void showUsage(UsageSample sample) {
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
        NodeUsageSampler currentSampler = sampler;
        if (currentSampler != null) {
            currentSampler.close();
        }
        NodeWatcher currentWatcher = watcher;
        if (currentWatcher != null) {
            currentWatcher.close();
        }
    }
}
