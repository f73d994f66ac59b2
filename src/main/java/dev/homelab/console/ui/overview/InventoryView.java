package dev.homelab.console.ui.overview;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.Inventory.LokiDetails;
import dev.homelab.console.cluster.Inventory.MonitoringRelease;
import dev.homelab.console.cluster.Inventory.Workload;
import dev.homelab.console.cluster.MonitoringComponent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

/**
 * What monitoring runs today, as cards: each Helm release (chart, version, namespace, workloads and their
 * readiness, Loki's chart family and mode), monitoring that no release owns, metrics-server and storage classes.
 * Tags say what the migration does with each: replaced, kept, or already the target stack.
 */
final class InventoryView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final InventoryModel model;
    private final FlowPane cards = new FlowPane(12, 12);
    private final Label status = new Label();
    private final Label problem = OverviewView.banner("inventory-problem");
    private final VBox warnings = new VBox(6);

    InventoryView(InventoryModel model) {
        super(10);
        this.model = model;
        setId("inventory-section");
        Label title = new Label("Monitoring today", new FontIcon(Feather.LAYERS));
        title.getStyleClass().add(Styles.TITLE_4);
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button refresh = new Button("Scan again", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("inventory-refresh");
        refresh.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(event -> model.refresh());
        HBox heading = new HBox(10, title, new Spacer(), status, refresh);
        heading.setAlignment(Pos.CENTER_LEFT);
        Label explain = new Label("Found regardless of namespace or release name. This is what the migration "
                + "wizard starts from.");
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        explain.setWrapText(true);
        problem.setVisible(false);
        problem.setManaged(false);
        cards.setId("inventory-cards");
        getChildren().addAll(heading, explain, problem, warnings, cards);

        model.inventoryProperty().addListener((obs, old, inventory) -> show(inventory));
        model.problemProperty().addListener((obs, old, text) -> showProblem(text));
        model.loadingProperty().addListener((obs, old, loading) -> showStatus());
        showStatus();
    }

    private void showStatus() {
        Inventory inventory = model.inventoryProperty().get();
        status.setText(model.loadingProperty().get() ? "Scanning releases and workloads…"
                : inventory == null ? "" : "Scanned at " + TIME.format(inventory.scannedAt()));
    }

    private void showProblem(String text) {
        problem.setText(text == null ? "" : text);
        problem.setVisible(text != null);
        problem.setManaged(text != null);
    }

    private void show(Inventory inventory) {
        showStatus();
        cards.getChildren().clear();
        warnings.getChildren().clear();
        if (inventory == null) {
            return;
        }
        inventory.warnings().forEach(warning -> {
            Label label = OverviewView.banner(null);
            label.setText(warning);
            warnings.getChildren().add(label);
        });
        inventory.releases().stream()
                .sorted(Comparator.comparing((MonitoringRelease r) -> role(r.component()).ordinal())
                        .thenComparing(MonitoringRelease::name))
                .forEach(release -> cards.getChildren().add(releaseCard(release)));
        if (!inventory.unmanaged().isEmpty()) {
            cards.getChildren().add(unmanagedCard(inventory.unmanaged()));
        }
        cards.getChildren().add(metricsServerCard(inventory.metricsServer()));
        cards.getChildren().add(storageCard(inventory.storageClasses()));
        if (inventory.releases().isEmpty() && inventory.unmanaged().isEmpty()) {
            Label none = new Label("No monitoring found: no Prometheus, Alloy, Loki or Grafana release or workload. "
                    + "The wizard can install the target stack from scratch.");
            none.setWrapText(true);
            cards.getChildren().add(0, card(Feather.INFO, "Nothing to migrate", null, none));
        }
    }

    private static Node releaseCard(MonitoringRelease release) {
        VBox body = new VBox(6);
        body.getChildren().add(meta(release.chartName() + " " + release.chartVersion()
                + (release.appVersion() == null || release.appVersion().isBlank() ? "" : " (app " + release.appVersion() + ")")));
        body.getChildren().add(meta("namespace " + release.namespace() + " · revision " + release.revision()
                + " · " + release.status()));
        if (release.loki() != null) {
            body.getChildren().add(lokiDetails(release.loki()));
        }
        for (Workload workload : release.workloads()) {
            body.getChildren().add(workloadLine(workload));
        }
        if (release.workloads().isEmpty()) {
            body.getChildren().add(meta("no workloads found for this release"));
        }
        for (String note : release.notes()) {
            Label label = new Label(note);
            label.setWrapText(true);
            label.getStyleClass().add(Styles.TEXT_SMALL);
            body.getChildren().add(label);
        }
        Node card = card(icon(release.component()), release.name(), role(release.component()), body);
        card.setId("release-" + release.namespace() + "-" + release.name());
        return card;
    }

    private static Node lokiDetails(LokiDetails loki) {
        String family = switch (loki.chartFamily()) {
            case GRAFANA_OSS -> "grafana/loki (open source)";
            case GRAFANA_ENTERPRISE -> "grafana/loki 7+ (Enterprise Logs)";
            case GRAFANA_COMMUNITY -> "grafana-community/loki";
            case UNKNOWN -> "chart family unknown";
        };
        Label label = new Label(family + " · " + loki.deploymentMode()
                + (loki.currentSchema() == null || loki.currentSchema().isBlank() ? "" : " · schema " + loki.currentSchema())
                + (loki.storageType() == null || loki.storageType().isBlank() ? "" : " · " + loki.storageType()));
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setGraphic(new FontIcon(Feather.FILE_TEXT));
        return label;
    }

    private static Node workloadLine(Workload workload) {
        FontIcon icon = new FontIcon(workload.isReady() ? Feather.CHECK_CIRCLE : Feather.ALERT_CIRCLE);
        icon.getStyleClass().add(workload.isReady() ? "status-ok" : "status-bad");
        Label label = new Label(workload.kind() + " " + workload.name() + "  " + workload.ready() + "/"
                + workload.desired() + " ready", icon);
        label.getStyleClass().add(Styles.TEXT_SMALL);
        label.setWrapText(true);
        return label;
    }

    private static Node unmanagedCard(List<Inventory.UnmanagedWorkload> unmanaged) {
        VBox body = new VBox(6);
        for (Inventory.UnmanagedWorkload item : unmanaged) {
            Node line = workloadLine(item.workload());
            Label reason = meta(item.component().chartName() + " in " + item.workload().namespace() + " — "
                    + item.reason());
            body.getChildren().addAll(line, reason);
        }
        return card(Feather.HELP_CIRCLE, "Not managed by Helm", null, body);
    }

    private static Node metricsServerCard(Inventory.MetricsServer metricsServer) {
        VBox body = new VBox(6);
        Node card;
        if (metricsServer.present()) {
            body.getChildren().add(meta(metricsServer.namespace() + "/" + metricsServer.name() + " · "
                    + metricsServer.ready() + "/" + metricsServer.desired() + " ready"));
            body.getChildren().add(meta("installed by " + metricsServer.installedBy()));
            card = card(Feather.ACTIVITY, "metrics-server", null, body);
        } else {
            Label missing = new Label("Not found: node usage and the before/after comparison need it. On k3s it is "
                    + "a packaged component; remove --disable=metrics-server from the server flags and restart k3s.");
            missing.setWrapText(true);
            missing.getStyleClass().add("status-bad");
            body.getChildren().add(missing);
            card = card(Feather.ACTIVITY, "metrics-server", null, body);
        }
        card.setId("metrics-server-card");
        return card;
    }

    private static Node storageCard(List<Inventory.StorageClassInfo> classes) {
        VBox body = new VBox(6);
        if (classes.isEmpty()) {
            body.getChildren().add(meta("No storage classes: VictoriaMetrics needs one for its volume."));
        }
        for (Inventory.StorageClassInfo storage : classes) {
            Label label = new Label(storage.name() + (storage.isDefault() ? " (default)" : ""),
                    new FontIcon(Feather.HARD_DRIVE));
            label.getStyleClass().add(storage.isDefault() ? Styles.TEXT_BOLD : Styles.TEXT_NORMAL);
            body.getChildren().addAll(label, meta(storage.provisioner() + " · " + storage.reclaimPolicy()
                    + " · " + storage.volumeBindingMode()));
        }
        Node card = card(Feather.DATABASE, "Storage classes", null, body);
        card.setId("storage-card");
        return card;
    }

    private static Node card(Feather icon, String title, Role role, Node body) {
        Label heading = new Label(title, new FontIcon(icon));
        heading.getStyleClass().add("card-title");
        heading.setWrapText(true);
        VBox card = new VBox(8, heading);
        if (role != null) {
            Label tag = new Label(role.label);
            tag.getStyleClass().addAll("tag", role.styleClass);
            card.getChildren().add(tag);
        }
        card.getChildren().add(body);
        card.getStyleClass().addAll("card-box", "inventory-card");
        return card;
    }

    private static Label meta(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("card-meta");
        return label;
    }

    private static Feather icon(MonitoringComponent component) {
        return switch (component) {
            case KUBE_PROMETHEUS_STACK, PROMETHEUS -> Feather.TRENDING_UP;
            case ALLOY, PROMTAIL, VECTOR -> Feather.SHUFFLE;
            case LOKI -> Feather.FILE_TEXT;
            case GRAFANA -> Feather.BAR_CHART_2;
            case MINIO -> Feather.ARCHIVE;
            case VICTORIA_METRICS_K8S_STACK, VICTORIA_METRICS_OPERATOR, VICTORIA_METRICS_SINGLE -> Feather.ZAP;
        };
    }

    static Role role(MonitoringComponent component) {
        return switch (component) {
            case KUBE_PROMETHEUS_STACK, PROMETHEUS, ALLOY, PROMTAIL -> Role.REPLACED;
            case LOKI, GRAFANA, MINIO -> Role.KEPT;
            case VECTOR, VICTORIA_METRICS_K8S_STACK, VICTORIA_METRICS_OPERATOR, VICTORIA_METRICS_SINGLE -> Role.TARGET;
        };
    }

    enum Role {
        REPLACED("to be replaced", "replace"),
        KEPT("kept", "keep"),
        TARGET("target stack", "target");

        private final String label;
        private final String styleClass;

        Role(String label, String styleClass) {
            this.label = label;
            this.styleClass = styleClass;
        }
    }
}
