package dev.homelab.console.ui.wizard;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

import java.util.function.Function;

/**
 * A short list shown in full, one row per item, each row wrapping to the width it gets (a ListView cuts wrapped
 * rows and scrolls inside the page's own scroll pane). For checklists and evidence: tens of rows, not thousands.
 */
final class ItemsBox<T> extends VBox {

    private final ObservableList<T> items;
    private final Function<T, Node> row;

    ItemsBox(ObservableList<T> items, Function<T, Node> row) {
        super(4);
        this.items = items;
        this.row = row;
        items.addListener((ListChangeListener<T>) change -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().setAll(items.stream().map(row).toList());
    }

    ObservableList<T> getItems() {
        return items;
    }
}
