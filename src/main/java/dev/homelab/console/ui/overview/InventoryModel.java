package dev.homelab.console.ui.overview;

import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.Inventory;
import dev.homelab.console.cluster.MonitoringInventory;
import dev.homelab.console.task.Progress;
import dev.homelab.console.ui.shell.UiContext;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The monitoring inventory of the connected cluster, read in the background on demand. */
final class InventoryModel {

    private final UiContext context;
    private final ReadOnlyObjectWrapper<Inventory> inventory = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();

    InventoryModel(UiContext context) {
        this.context = context;
    }

    void refresh() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        context.tasks().submit("Reading the monitoring inventory",
                progress -> scan(progress),
                result -> {
                    loading.set(false);
                    problem.set(null);
                    inventory.set(result);
                }, error -> {
                    loading.set(false);
                    problem.set("The inventory could not be read: " + error.getMessage());
                });
    }

    private Inventory scan(Progress progress) {
        try {
            return new MonitoringInventory(context.console().cluster().kube()).scan(progress);
        } catch (ConnectionFailedException e) {
            throw new IllegalStateException(e.problem().summary() + " — " + e.problem().fix(), e);
        }
    }

    ReadOnlyObjectProperty<Inventory> inventoryProperty() {
        return inventory.getReadOnlyProperty();
    }

    ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }
}
