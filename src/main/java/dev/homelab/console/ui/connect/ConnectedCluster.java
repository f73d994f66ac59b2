package dev.homelab.console.ui.connect;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.PermissionResult;

import java.util.List;

/** A freshly connected cluster with what the connection check and the permission check observed. */
public record ConnectedCluster(ConsoleContext console, ConnectionReport report, List<PermissionResult> permissions) {

    public ConnectedCluster {
        permissions = List.copyOf(permissions);
    }

    public long deniedCount() {
        return permissions.stream().filter(permission -> !permission.allowed()).count();
    }

    /** Something the user should see before working: a denied permission, no metrics API, or a warning. */
    public boolean needsReview() {
        return deniedCount() > 0 || !report.metricsApiServed() || !report.warnings().isEmpty();
    }
}
