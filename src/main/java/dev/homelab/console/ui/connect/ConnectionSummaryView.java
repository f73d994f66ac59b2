package dev.homelab.console.ui.connect;

import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.PermissionResult;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What connecting observed: server, distribution, nodes and architectures, whether metrics.k8s.io is served, and
 * the permission checklist (what is not allowed first, each with what it is needed for).
 */
public final class ConnectionSummaryView extends VBox {

    public ConnectionSummaryView(ConnectedCluster connected) {
        super(12);
        setId("connection-summary");
        getChildren().addAll(reportCard(connected.report()), permissionsCard(connected.permissions()));
    }

    private static Node reportCard(ConnectionReport report) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.LEFT);
        labels.setMinWidth(110);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, values);
        int row = 0;
        grid.addRow(row++, key("API server"), value(report.serverUrl(), null));
        grid.addRow(row++, key("Version"), value(report.distribution() + (report.platform() == null
                || report.platform().isBlank() ? "" : " (" + report.platform() + ")"), null));
        grid.addRow(row++, key("Nodes"), report.nodeCount() < 0
                ? value("could not be listed", Status.BAD)
                : value(report.nodeCount() + " — " + architectures(report.architectures()), null));
        grid.addRow(row++, key("Metrics API"), report.metricsApiServed()
                ? value("metrics.k8s.io is served (node and pod usage available)", Status.OK)
                : value("metrics.k8s.io is not served: usage columns stay empty. On k3s, metrics-server is a "
                + "packaged component: remove --disable=metrics-server from the k3s server flags and restart k3s.",
                Status.BAD));
        grid.addRow(row, key("Checked in"), value(report.elapsedMillis() + " ms", null));

        VBox card = new VBox(10, heading("Connection", Feather.SERVER), grid);
        for (String warning : report.warnings()) {
            card.getChildren().add(value(warning, Status.WARN));
        }
        card.setId("connection-report");
        card.getStyleClass().add("card-box");
        return card;
    }

    private static Node permissionsCard(List<PermissionResult> permissions) {
        List<PermissionResult> notAllowed = permissions.stream().filter(p -> !p.allowed()).toList();
        List<PermissionResult> allowed = permissions.stream().filter(PermissionResult::allowed).toList();
        Label summary = new Label(notAllowed.isEmpty()
                ? "All " + permissions.size() + " permissions the migration needs are allowed."
                : notAllowed.size() + " of " + permissions.size() + " permissions the migration needs are not allowed. "
                + "Ask the cluster admin for them, or use a kubeconfig context with more rights (k3s's admin "
                + "kubeconfig is /etc/rancher/k3s/k3s.yaml on the server).");
        summary.setId("permission-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(notAllowed.isEmpty() ? "status-ok" : "status-bad");
        VBox card = new VBox(8, heading("Permissions", Feather.SHIELD), summary);
        VBox deniedRows = new VBox(6);
        notAllowed.forEach(p -> deniedRows.getChildren().add(permissionRow(p)));
        card.getChildren().add(deniedRows);
        if (!allowed.isEmpty()) {
            VBox allowedRows = new VBox(6);
            allowed.forEach(p -> allowedRows.getChildren().add(permissionRow(p)));
            TitledPane pane = new TitledPane(allowed.size() + " allowed", allowedRows);
            pane.setId("permissions-allowed");
            pane.setExpanded(notAllowed.isEmpty());
            pane.getStyleClass().add(Styles.DENSE);
            card.getChildren().add(pane);
        }
        card.setId("permission-checklist");
        card.getStyleClass().add("card-box");
        return card;
    }

    private static Node permissionRow(PermissionResult permission) {
        Status status = switch (permission.access()) {
            case ALLOWED -> Status.OK;
            case DENIED -> Status.BAD;
            case UNKNOWN -> Status.WARN;
        };
        FontIcon icon = new FontIcon(status.icon);
        icon.getStyleClass().add(status.styleClass);
        Label what = new Label(permission.describe());
        what.getStyleClass().addAll("mono", Styles.TEXT_BOLD);
        String why = "needed for " + permission.neededFor();
        if (permission.access() == PermissionResult.Access.UNKNOWN) {
            why += " — could not verify" + (permission.reason() == null || permission.reason().isBlank()
                    ? "" : ": " + permission.reason());
        }
        Label purpose = new Label(why);
        purpose.getStyleClass().add(Styles.TEXT_MUTED);
        purpose.setWrapText(true);
        HBox row = new HBox(8, icon, what, purpose);
        HBox.setHgrow(purpose, Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().addAll("permission-row", permission.allowed() ? "allowed" : "not-allowed");
        return row;
    }

    private static String architectures(Map<String, Integer> architectures) {
        if (architectures.isEmpty()) {
            return "architecture unknown";
        }
        return architectures.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static Label heading(String text, Feather icon) {
        Label label = new Label(text, new FontIcon(icon));
        label.getStyleClass().add(Styles.TITLE_4);
        return label;
    }

    private static Label key(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static Label value(String text, Status status) {
        Label label = new Label(text);
        label.setWrapText(true);
        if (status != null) {
            FontIcon icon = new FontIcon(status.icon);
            label.setGraphic(icon);
            label.getStyleClass().add(status.styleClass);
        }
        return label;
    }

    private enum Status {
        OK(Feather.CHECK_CIRCLE, "status-ok"),
        BAD(Feather.X_CIRCLE, "status-bad"),
        WARN(Feather.ALERT_TRIANGLE, "status-warn");

        private final Feather icon;
        private final String styleClass;

        Status(Feather icon, String styleClass) {
            this.icon = icon;
            this.styleClass = styleClass;
        }
    }
}
