package dev.homelab.console.sandbox;

import dev.homelab.console.sandbox.cluster.PodFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the kubelet for a reboot helper pod: when a pod pinned to a node runs {@code systemctl reboot} (the reboot
 * test's privileged nsenter pod), it starts Running and the node reboots.
 */
final class RebootPodWatcher implements AutoCloseable, Watcher<Pod> {

    private static final Logger LOG = LoggerFactory.getLogger(RebootPodWatcher.class);

    private final LabWorld world;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final Watch watch;

    RebootPodWatcher(LabWorld world) {
        this.world = world;
        this.watch = world.kube().pods().inAnyNamespace().watch(this);
    }

    @Override
    public void eventReceived(Action action, Pod pod) {
        if (action != Action.ADDED || !isRebootPod(pod) || !handled.add(pod.getMetadata().getUid())) {
            return;
        }
        String node = pod.getSpec().getNodeName();
        world.scheduler().execute(() -> {
            try {
                Pod current = world.kube().pods().inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).get();
                if (current != null) {
                    String hostIp = world.kube().nodes().withName(node).get().getStatus().getAddresses().get(0)
                            .getAddress();
                    current.setStatus(PodFactory.running(current, hostIp, hostIp, world.clock().instant(), 0));
                    world.kube().resource(current).updateStatus();
                }
                LOG.info("Reboot pod {} started on {}: rebooting the simulated node", pod.getMetadata().getName(),
                        node);
                world.nodes().reboot(node);
            } catch (RuntimeException e) {
                LOG.warn("Could not simulate the reboot requested by pod {}", pod.getMetadata().getName(), e);
            }
        });
    }

    static boolean isRebootPod(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
            return false;
        }
        for (Container c : pod.getSpec().getContainers()) {
            List<String> words = new ArrayList<>();
            if (c.getCommand() != null) {
                words.addAll(c.getCommand());
            }
            if (c.getArgs() != null) {
                words.addAll(c.getArgs());
            }
            String line = String.join(" ", words);
            if (line.contains("systemctl reboot") || line.matches(".*\\bsystemctl\\b.*\\breboot\\b.*")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onClose(WatcherException cause) {
        if (cause != null) {
            LOG.debug("Reboot pod watch closed: {}", cause.getMessage());
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
