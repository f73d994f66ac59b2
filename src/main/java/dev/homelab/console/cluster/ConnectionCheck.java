package dev.homelab.console.cluster;

import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The first conversation with a cluster, bounded in time (default 10 s): server version (k3s detection from
 * {@code gitVersion} such as {@code v1.33.4+k3s1}), nodes and their architectures, whether {@code metrics.k8s.io}
 * is served (API discovery), and the cluster id (UID of the kube-system namespace). Failing to read the version
 * means the cluster is not usable and throws; failing to read nodes or kube-system is a warning in the report.
 */
public final class ConnectionCheck {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);

    private ConnectionCheck() {
    }

    public static ConnectionReport check(KubernetesClient kube, String context, Duration timeout, Progress progress)
            throws ConnectionFailedException {
        String server = kube.getConfiguration().getMasterUrl();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "connection-check");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            Future<ConnectionReport> future = executor.submit(() -> run(kube, context, server, progress, started));
            long deadline = started + timeout.toNanos();
            while (true) {
                progress.checkCancelled();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    future.cancel(true);
                    throw new ConnectionFailedException(ConnectionProblems.timeout(server + " (after "
                            + timeout.toSeconds() + " s)"));
                }
                try {
                    return future.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // poll cancellation and the deadline
                } catch (ExecutionException e) {
                    throw ConnectionProblems.failure(e.getCause(), server);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            executor.shutdownNow();
        }
    }

    private static ConnectionReport run(KubernetesClient kube, String context, String server, Progress progress,
                                        long started) {
        List<String> warnings = new ArrayList<>();
        progress.update("Asking " + server + " for its version", 0.1);
        VersionInfo version = kube.getKubernetesVersion();
        String gitVersion = version.getGitVersion() == null ? "" : version.getGitVersion();

        progress.update("Listing nodes", 0.4);
        int nodeCount = -1;
        Map<String, Integer> architectures = new TreeMap<>();
        try {
            List<Node> nodes = kube.nodes().list().getItems();
            nodeCount = nodes.size();
            for (Node node : nodes) {
                String arch = node.getStatus() == null || node.getStatus().getNodeInfo() == null
                        ? null : node.getStatus().getNodeInfo().getArchitecture();
                if (arch == null && node.getMetadata().getLabels() != null) {
                    arch = node.getMetadata().getLabels().get("kubernetes.io/arch");
                }
                architectures.merge(arch == null ? "unknown" : arch, 1, Integer::sum);
            }
        } catch (KubernetesClientException e) {
            warnings.add("Nodes could not be listed: " + ConnectionProblems.explain(e, server).detail());
        }

        progress.update("Discovering APIs", 0.6);
        boolean metrics = false;
        try {
            APIGroupList groups = kube.getApiGroups();
            if (groups != null && groups.getGroups() != null) {
                for (APIGroup group : groups.getGroups()) {
                    metrics |= "metrics.k8s.io".equals(group.getName());
                }
            }
        } catch (KubernetesClientException e) {
            warnings.add("API discovery failed: " + ConnectionProblems.explain(e, server).detail());
        }
        if (!metrics) {
            warnings.add("metrics.k8s.io is not served: node usage needs metrics-server "
                    + "(k3s ships it in kube-system unless started with --disable metrics-server)");
        }

        progress.update("Reading the cluster identity", 0.8);
        String clusterId;
        try {
            Namespace kubeSystem = kube.namespaces().withName("kube-system").get();
            clusterId = kubeSystem == null || kubeSystem.getMetadata().getUid() == null
                    ? null : kubeSystem.getMetadata().getUid();
        } catch (KubernetesClientException e) {
            clusterId = null;
            warnings.add("The kube-system namespace could not be read: "
                    + ConnectionProblems.explain(e, server).detail());
        }
        if (clusterId == null) {
            clusterId = "server-" + sha256(server).substring(0, 16);
            warnings.add("No kube-system namespace UID; local history is keyed by the server URL instead");
        }
        progress.update("Connected", 1.0);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        LOG.info("Connected to {} ({}), {} nodes, metrics.k8s.io {} in {} ms", server, gitVersion, nodeCount,
                metrics ? "served" : "missing", elapsed);
        return new ConnectionReport(context, server, gitVersion, version.getPlatform(), isK3s(gitVersion), nodeCount,
                architectures, metrics, clusterId, elapsed, warnings);
    }

    /** k3s tags its builds "+k3s<N>" ({@code v1.33.4+k3s1}). */
    public static boolean isK3s(String gitVersion) {
        return gitVersion != null && gitVersion.contains("+k3s");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
