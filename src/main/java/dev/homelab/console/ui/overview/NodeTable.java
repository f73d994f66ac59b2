package dev.homelab.console.ui.overview;

import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.NodeSummary;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The live nodes table. A node that is not Ready gets a red row ({@code :not-ready}) and a warning icon. */
final class NodeTable extends TableView<NodeRow> {

    static final PseudoClass NOT_READY = PseudoClass.getPseudoClass("not-ready");
    private static final PseudoClass HIGH = PseudoClass.getPseudoClass("high");
    private static final double ROW_HEIGHT = 46;
    private static final double HEADER_HEIGHT = 46;

    NodeTable(ObservableList<NodeRow> rows) {
        super(rows);
        setId("node-table");
        getStyleClass().addAll("node-table", Styles.STRIPED);
        setFixedCellSize(ROW_HEIGHT);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label("Waiting for the node list from the API server…");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        setPlaceholder(placeholder);
        prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> ROW_HEIGHT * Math.max(2, rows.size()) + HEADER_HEIGHT, rows));
        setMinHeight(USE_PREF_SIZE);

        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(NodeRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(NOT_READY, !empty && row != null && !row.node().isReady());
            }
        });

        getColumns().add(share(nameColumn(), 0.13));
        getColumns().add(share(text("Roles", row -> row.node().roles().isEmpty() ? "worker"
                : String.join(", ", row.node().roles())), 0.12));
        getColumns().add(share(text("Arch", row -> row.node().architecture()), 0.07));
        getColumns().add(share(twoLines("OS image / kubelet", row -> row.node().osImage(),
                row -> row.node().kubeletVersion()), 0.17));
        getColumns().add(share(readyColumn(), 0.12));
        getColumns().add(share(usage("CPU", NodeRow::cpuFraction, row -> row.hasUsage()
                ? Quantities.cores(row.cpuUsedMillis()) + " of " + Quantities.cores(row.node().cpuAllocatableMillis())
                + " cores" : Quantities.cores(row.node().cpuAllocatableMillis()) + " cores, no sample yet"), 0.16));
        getColumns().add(share(usage("Memory", NodeRow::memoryFraction, row -> row.hasUsage()
                ? Quantities.bytes(row.memoryUsedBytes()) + " of " + Quantities.bytes(row.node().memoryAllocatableBytes())
                : Quantities.bytes(row.node().memoryAllocatableBytes()) + ", no sample yet"), 0.16));
        getColumns().add(share(text("Age", row -> Quantities.age(row.node().age(Instant.now()))), 0.07));
    }

    private <S, T> TableColumn<S, T> share(TableColumn<S, T> column, double share) {
        column.prefWidthProperty().bind(widthProperty().subtract(4).multiply(share));
        return column;
    }

    private static TableColumn<NodeRow, NodeRow> nameColumn() {
        TableColumn<NodeRow, NodeRow> column = new TableColumn<>("Node");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().addAll(Styles.TEXT_BOLD, "node-name");
            }

            @Override
            protected void updateItem(NodeRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                NodeSummary node = row.node();
                FontIcon icon;
                if (!node.isReady()) {
                    icon = new FontIcon(Feather.ALERT_TRIANGLE);
                    icon.getStyleClass().add("status-bad");
                } else {
                    icon = new FontIcon(node.isControlPlane() ? Feather.SERVER : Feather.CPU);
                }
                setGraphic(icon);
                setText(node.name());
            }
        });
        return column;
    }

    private static TableColumn<NodeRow, NodeRow> readyColumn() {
        TableColumn<NodeRow, NodeRow> column = new TableColumn<>("Ready");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(NodeRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("status-ok", "status-bad", "status-warn");
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                NodeSummary node = row.node();
                switch (node.ready()) {
                    case READY -> {
                        setText(node.unschedulable() ? "Ready, cordoned" : "Ready");
                        setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
                        getStyleClass().add(node.unschedulable() ? "status-warn" : "status-ok");
                    }
                    case NOT_READY -> {
                        setText("NotReady");
                        setGraphic(new FontIcon(Feather.X_CIRCLE));
                        getStyleClass().add("status-bad");
                    }
                    case UNKNOWN -> {
                        setText("Unknown");
                        setGraphic(new FontIcon(Feather.HELP_CIRCLE));
                        getStyleClass().add("status-warn");
                    }
                }
                String why = (node.readyReason() + " " + node.readyMessage()).trim();
                setTooltip(why.isEmpty() ? null : new Tooltip(why));
            }
        });
        return column;
    }

    private static TableColumn<NodeRow, String> text(String title, Function<NodeRow, String> value) {
        TableColumn<NodeRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<NodeRow, NodeRow> twoLines(String title, Function<NodeRow, String> first,
                                                          Function<NodeRow, String> second) {
        TableColumn<NodeRow, NodeRow> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new TableCell<>() {
            private final Label top = new Label();
            private final Label bottom = new Label();
            private final VBox box = new VBox(1, top, bottom);

            {
                top.getStyleClass().add(Styles.TEXT_SMALL);
                bottom.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(NodeRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                top.setText(first.apply(row));
                bottom.setText(second.apply(row));
                setTooltip(new Tooltip(first.apply(row) + "\n" + second.apply(row)));
                setGraphic(box);
            }
        });
        return column;
    }

    private static TableColumn<NodeRow, NodeRow> usage(String title, ToDoubleFunction<NodeRow> fraction,
                                                       Function<NodeRow, String> text) {
        TableColumn<NodeRow, NodeRow> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(c -> new UsageCell(fraction, text));
        return column;
    }

    /** "used of allocatable · percent" over a thin bar of the share in use (red from 85 %). */
    private static final class UsageCell extends TableCell<NodeRow, NodeRow> {
        private final ToDoubleFunction<NodeRow> fraction;
        private final Function<NodeRow, String> text;
        private final ProgressBar bar = new ProgressBar();
        private final Label label = new Label();
        private final VBox box = new VBox(3, label, bar);

        UsageCell(ToDoubleFunction<NodeRow> fraction, Function<NodeRow, String> text) {
            this.fraction = fraction;
            this.text = text;
            bar.getStyleClass().addAll(Styles.SMALL, "usage-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            label.getStyleClass().add(Styles.TEXT_SMALL);
            box.setAlignment(Pos.CENTER_LEFT);
            box.setFillWidth(true);
            getStyleClass().add("usage-cell");
        }

        @Override
        protected void updateItem(NodeRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            double share = fraction.applyAsDouble(row);
            bar.setVisible(share >= 0);
            bar.setManaged(share >= 0);
            bar.setProgress(Math.min(1, Math.max(0, share)));
            bar.pseudoClassStateChanged(HIGH, share >= 0.85);
            label.setText(share >= 0 ? text.apply(row) + " · " + Quantities.percent(share) : text.apply(row));
            setGraphic(box);
        }
    }
}
