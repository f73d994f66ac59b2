package dev.homelab.console.ui.connect;

import atlantafx.base.theme.Styles;
import dev.homelab.console.cluster.ContextEntry;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;

import java.util.function.Function;

/** The kubeconfig contexts: name, cluster, user, default namespace and API server. Double-click or Enter connects. */
final class ContextTable extends TableView<ContextEntry> {

    private static final double ROW_HEIGHT = 34;
    private static final double HEADER_HEIGHT = 46;

    ContextTable(ObservableList<ContextEntry> contexts, Runnable connect) {
        super(contexts);
        setId("context-table");
        getStyleClass().addAll(Styles.STRIPED, "context-table");
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setFixedCellSize(ROW_HEIGHT);
        getColumns().add(column("Context", ContextEntry::name, 0.22));
        getColumns().add(column("Cluster", ContextEntry::cluster, 0.18));
        getColumns().add(column("User", ContextEntry::user, 0.18));
        getColumns().add(column("Namespace", ContextEntry::namespace, 0.14));
        getColumns().add(column("API server", ContextEntry::server, 0.28));
        Label empty = new Label("No contexts: choose a kubeconfig file, or rehearse on the simulated home lab.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        setPlaceholder(empty);
        prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> ROW_HEIGHT * Math.max(3, Math.min(8, contexts.size())) + HEADER_HEIGHT, contexts));
        setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2
                    && getSelectionModel().getSelectedItem() != null) {
                connect.run();
            }
        });
        setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && getSelectionModel().getSelectedItem() != null) {
                connect.run();
            }
        });
    }

    private TableColumn<ContextEntry, String> column(String title, Function<ContextEntry, String> value,
                                                     double share) {
        TableColumn<ContextEntry, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.prefWidthProperty().bind(widthProperty().multiply(share).subtract(2));
        return column;
    }
}
