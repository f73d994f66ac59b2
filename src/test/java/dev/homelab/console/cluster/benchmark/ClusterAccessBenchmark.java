package dev.homelab.console.cluster.benchmark;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.Settings;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.MonitoringInventory;
import dev.homelab.console.cluster.NodeWatcher;
import dev.homelab.console.cluster.PermissionCheck;
import dev.homelab.console.cluster.PermissionRequirement;
import dev.homelab.console.cluster.PermissionResult;
import dev.homelab.console.task.Progress;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Prints how long the connect path takes against the sandbox: lab start + connection check, first node snapshot from
 * the informer, inventory scan, permission check. Run: {@code mvn -q test-compile} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/runtime-classpath.txt) \
 * dev.homelab.console.cluster.benchmark.ClusterAccessBenchmark}.
 */
public final class ClusterAccessBenchmark {

    private ClusterAccessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        AppDirs dirs = AppDirs.under(Files.createTempDirectory("cluster-bench"));
        Connector connector = new Connector(dirs, Settings.load(dirs));
        long start = System.nanoTime();
        try (Connector.Connected connected = connector.sandboxWithReport(Optional.empty(), Progress.none())) {
            long connectedAt = System.nanoTime();
            var kube = connected.context().cluster().kube();
            CountDownLatch firstNodes = new CountDownLatch(1);
            try (NodeWatcher watcher = new NodeWatcher(kube)) {
                watcher.addListener((event, snapshot) -> {
                    if (snapshot.size() >= 4) {
                        firstNodes.countDown();
                    }
                });
                watcher.start();
                firstNodes.await(30, TimeUnit.SECONDS);
            }
            long nodesAt = System.nanoTime();
            Inventory inventory = new MonitoringInventory(kube).scan(Progress.none());
            long inventoryAt = System.nanoTime();
            Inventory again = new MonitoringInventory(kube).scan(Progress.none());
            long inventoryWarmAt = System.nanoTime();
            List<PermissionRequirement> requirements = PermissionRequirement.forMigration(Set.of("monitoring", "loki"));
            List<PermissionResult> results = PermissionCheck.check(kube, requirements, Progress.none());
            long permissionsAt = System.nanoTime();
            System.out.printf("sandbox start + connection check: %d ms (check itself %d ms)%n",
                    ms(start, connectedAt), connected.report().elapsedMillis());
            System.out.printf("informer: all 4 nodes %d ms after connect (%d ms after start)%n",
                    ms(connectedAt, nodesAt), ms(start, nodesAt));
            System.out.printf("inventory scan: %d ms cold, %d ms warm (%d releases, %d)%n", ms(nodesAt, inventoryAt),
                    ms(inventoryAt, inventoryWarmAt), inventory.releases().size(), again.releases().size());
            System.out.printf("permission check: %d reviews in %d ms%n", results.size(),
                    ms(inventoryWarmAt, permissionsAt));
        }
    }

    private static long ms(long from, long to) {
        return TimeUnit.NANOSECONDS.toMillis(to - from);
    }
}
