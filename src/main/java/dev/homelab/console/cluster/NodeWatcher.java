package dev.homelab.console.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live node list, kept by a fabric8 informer (one list, then a watch; no polling). Listeners are called on the
 * informer's thread with each change and the full, name-sorted snapshot; the UI hops to its own thread and throttles.
 */
public final class NodeWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWatcher.class);

    /** What happened to one node. */
    public enum Change { ADDED, MODIFIED, DELETED }

    public record NodeEvent(Change change, NodeSummary node) {
    }

    @FunctionalInterface
    public interface Listener {
        void nodesChanged(NodeEvent event, List<NodeSummary> snapshot);
    }

    private final KubernetesClient kube;
    private final Map<String, NodeSummary> nodes = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Node> informer;

    public NodeWatcher(KubernetesClient kube) {
        this.kube = kube;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Starts the informer; returns at once (the first ADDED events follow the initial list). */
    public synchronized NodeWatcher start() {
        if (informer == null) {
            informer = kube.nodes().inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Node node) {
                    apply(Change.ADDED, node);
                }

                @Override
                public void onUpdate(Node oldNode, Node newNode) {
                    apply(Change.MODIFIED, newNode);
                }

                @Override
                public void onDelete(Node node, boolean deletedFinalStateUnknown) {
                    apply(Change.DELETED, node);
                }
            }, 0);
        }
        return this;
    }

    /** True once the informer has listed the nodes. */
    public boolean hasSynced() {
        SharedIndexInformer<Node> current = informer;
        return current != null && current.hasSynced();
    }

    public List<NodeSummary> snapshot() {
        return nodes.values().stream().sorted(Comparator.comparing(NodeSummary::name)).toList();
    }

    private void apply(Change change, Node node) {
        NodeSummary summary = NodeSummary.of(node);
        if (change == Change.DELETED) {
            nodes.remove(summary.name());
        } else {
            nodes.put(summary.name(), summary);
        }
        List<NodeSummary> snapshot = snapshot();
        NodeEvent event = new NodeEvent(change, summary);
        for (Listener listener : listeners) {
            try {
                listener.nodesChanged(event, snapshot);
            } catch (RuntimeException e) {
                LOG.warn("Node listener failed on {} {}", change, summary.name(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
    }
}
