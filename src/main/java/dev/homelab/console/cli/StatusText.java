package dev.homelab.console.cli;

import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.NodeSummary;
import dev.homelab.console.cluster.PermissionResult;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** The text form of {@code status}. */
final class StatusText {

    private StatusText() {
    }

    static void print(StatusCommand.StatusReport report, PrintStream out) {
        ConnectionReport c = report.connection();
        out.println("CLUSTER");
        out.printf("  context %s, %s, %s%n", c.context(), c.serverUrl(), c.distribution());
        out.printf("  %d nodes %s, metrics.k8s.io %s, id %s%n", c.nodeCount(), c.architectures(),
                c.metricsApiServed() ? "served" : "NOT served", c.clusterId());
        c.warnings().forEach(w -> out.println("  ! " + w));

        out.println();
        out.println("NODES");
        out.printf("  %-16s %-22s %-6s %-14s %-9s %7s %9s %9s %9s %5s%n", "NAME", "ROLES", "ARCH", "KUBELET", "STATUS",
                "CPU", "CPU USED", "MEMORY", "MEM USED", "AGE");
        Instant now = Instant.now();
        for (StatusCommand.NodeStatus status : report.nodes()) {
            NodeSummary n = status.node();
            String state = n.isReady() ? "Ready" : "NotReady";
            if (n.unschedulable()) {
                state += ",Cordoned";
            }
            out.printf("  %-16s %-22s %-6s %-14s %-9s %6dm %9s %9s %9s %5s%n", n.name(),
                    n.roles().isEmpty() ? "<none>" : String.join(",", n.roles()), n.architecture(),
                    n.kubeletVersion(), state, n.cpuAllocatableMillis(),
                    status.usage() == null ? "-" : status.usage().cpuMillis() + "m",
                    gib(n.memoryAllocatableBytes()),
                    status.usage() == null ? "-" : gib(status.usage().memoryBytes()), age(n.age(now)));
        }
        if (report.usageProblem() != null) {
            out.println("  ! " + report.usageProblem());
        }

        out.println();
        out.printf("PERMISSIONS  %d allowed, %d denied, %d unknown%n", report.permissions().allowed(),
                report.permissions().denied(), report.permissions().unknown());
        for (PermissionResult r : report.permissions().results()) {
            if (!r.allowed()) {
                out.printf("  %-8s %-55s for %s (%s)%n", r.access(), r.describe(), r.neededFor(), r.reason());
            }
        }

        Inventory inventory = report.inventory();
        out.println();
        out.println("MONITORING TODAY");
        for (Inventory.MonitoringRelease r : inventory.releases()) {
            out.printf("  %-28s %-26s %-12s %s/%s  %s%n", r.component(), r.chartName() + " " + r.chartVersion(),
                    r.status(), r.namespace(), r.name(), r.allReady() ? "ready" : "NOT all ready");
            for (Inventory.Workload w : r.workloads()) {
                out.printf("      %-12s %-40s %d/%d%n", w.kind(), w.name(), w.ready(), w.desired());
            }
            if (r.loki() != null) {
                Inventory.LokiDetails l = r.loki();
                out.printf("      Loki: %s (%s), mode %s (%s), schema %s, storage %s %s%n", l.chartFamily(),
                        l.chartFamilyReason(), l.deploymentMode(), l.deploymentModeSource(),
                        l.currentSchema().isEmpty() ? "none" : l.currentSchema(), l.storageType(), l.bucketNames());
            }
            r.notes().forEach(note -> out.println("      note: " + note));
        }
        for (Inventory.UnmanagedWorkload w : inventory.unmanaged()) {
            out.printf("  %-28s %s %s/%s (%s)%n", w.component(), w.workload().kind(), w.workload().namespace(),
                    w.workload().name(), w.reason());
        }
        Inventory.MetricsServer ms = inventory.metricsServer();
        out.println("  metrics-server: " + (ms.present() ? ms.namespace() + "/" + ms.name() + " " + ms.ready() + "/"
                + ms.desired() + " (" + ms.installedBy() + ")" : "not found"));
        out.print("  storage classes:");
        inventory.storageClasses().forEach(sc -> out.print(" " + sc.name() + (sc.isDefault() ? " (default)" : "")));
        out.println();
        inventory.warnings().forEach(w -> out.println("  ! " + w));
    }

    private static String gib(long bytes) {
        return String.format("%.1fGi", bytes / (1024.0 * 1024 * 1024));
    }

    private static String age(Duration age) {
        if (age.toDays() > 0) {
            return age.toDays() + "d";
        }
        return age.toHours() > 0 ? age.toHours() + "h" : age.toMinutes() + "m";
    }
}
