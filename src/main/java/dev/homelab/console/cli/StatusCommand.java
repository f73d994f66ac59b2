package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.MonitoringComponent;
import dev.homelab.console.cluster.MonitoringInventory;
import dev.homelab.console.cluster.NodeSummary;
import dev.homelab.console.cluster.NodeUsage;
import dev.homelab.console.cluster.NodeUsageSampler;
import dev.homelab.console.cluster.PermissionCheck;
import dev.homelab.console.cluster.PermissionRequirement;
import dev.homelab.console.cluster.PermissionResult;
import dev.homelab.console.cluster.UsageSample;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code status}: connection, permissions, nodes with architecture and usage, and the monitoring inventory.
 * Exit 0 when connected and every needed permission is allowed; 4 when some are denied; 3 when it cannot connect.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Connect and show the cluster: connection, permissions, nodes and usage, monitoring inventory.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions options = new ConnectionOptions();

    /** JSON shape of {@code status --output json}. */
    public record StatusReport(ConnectionReport connection, PermissionSummary permissions, List<NodeStatus> nodes,
                               String usageProblem, Inventory inventory) {
    }

    public record PermissionSummary(int allowed, int denied, int unknown, List<PermissionResult> results) {
        static PermissionSummary of(List<PermissionResult> results) {
            int allowed = (int) results.stream().filter(PermissionResult::allowed).count();
            int denied = (int) results.stream().filter(r -> r.access() == PermissionResult.Access.DENIED).count();
            return new PermissionSummary(allowed, denied, results.size() - allowed - denied, results);
        }
    }

    /** A node and its current usage (null when metrics.k8s.io did not answer). */
    public record NodeStatus(NodeSummary node, NodeUsage usage) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            try (Connector.Connected connected = CliSupport.connect(options)) {
                StatusReport report = collect(connected, CliSupport.progress(options));
                CliSupport.print(options, report, () -> StatusText.print(report, System.out));
                if (report.permissions().unknown() > 0 && report.permissions().denied() == 0) {
                    System.err.println("homelab-console: " + report.permissions().unknown()
                            + " permission(s) could not be verified");
                }
                if (report.permissions().denied() > 0) {
                    throw new CliFailure(ExitCodes.NOT_PERMITTED, report.permissions().denied()
                            + " needed permission(s) denied, e.g. " + PermissionCheck.missing(
                            report.permissions().results()).get(0).describe());
                }
                return ExitCodes.OK;
            }
        });
    }

    static StatusReport collect(Connector.Connected connected, Progress progress) throws Exception {
        KubernetesClient kube = connected.context().cluster().kube();
        Inventory inventory = new MonitoringInventory(kube).scan(progress);
        List<PermissionResult> permissions = PermissionCheck.check(kube,
                PermissionRequirement.forMigration(targetNamespaces(inventory)), progress);
        progress.update("Reading nodes and usage", -1);
        UsageSample usage = usage(kube, connected.report().metricsApiServed());
        List<NodeStatus> nodes = kube.nodes().list().getItems().stream().map(NodeSummary::of)
                .sorted(Comparator.comparing(NodeSummary::name))
                .map(n -> new NodeStatus(n, usage.nodes().get(n.name()))).toList();
        return new StatusReport(connected.report(), PermissionSummary.of(permissions), nodes, usage.problem(),
                inventory);
    }

    /**
     * One usage sample; when discovery says metrics.k8s.io is served but the first read fails (metrics-server
     * answers 404/503 for a few seconds after it starts), two more tries 1.5 s apart.
     */
    private static UsageSample usage(KubernetesClient kube, boolean served) throws InterruptedException {
        NodeUsageSampler sampler = new NodeUsageSampler(kube, NodeUsageSampler.DEFAULT_INTERVAL);
        UsageSample sample = sampler.sampleOnce();
        for (int attempt = 1; attempt < 3 && served && !sample.ok(); attempt++) {
            Thread.sleep(1500);
            sample = sampler.sampleOnce();
        }
        return sample;
    }

    /** "monitoring" plus the namespaces of the releases the migration keeps, replaces or removes. */
    static Set<String> targetNamespaces(Inventory inventory) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add("monitoring");
        for (Inventory.MonitoringRelease release : inventory.releases()) {
            if (release.component() != MonitoringComponent.MINIO) {
                namespaces.add(release.namespace());
            }
        }
        return namespaces;
    }
}
