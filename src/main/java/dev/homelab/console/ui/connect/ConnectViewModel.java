package dev.homelab.console.ui.connect;

import dev.homelab.console.app.Settings;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.ConnectionProblem;
import dev.homelab.console.cluster.ContextEntry;
import dev.homelab.console.cluster.KubeconfigContexts;
import dev.homelab.console.sandbox.SandboxPrestart;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.common.ConnectTiming;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * State of the connect screen and the commands it offers. Reading kubeconfig, connecting and starting the sandbox
 * run as background tasks; results arrive here on the FX thread. Remembers the chosen file and context.
 */
final class ConnectViewModel {

    static final String FILE_KEY = "kubeconfig.file";
    static final String CONTEXT_KEY = "kubeconfig.context";

    private final Settings settings;
    private final BackgroundTasks tasks;
    private final ConnectFlow flow;
    private final Consumer<ConnectedCluster> onConnected;

    private final ObservableList<ContextEntry> contexts = FXCollections.observableArrayList();
    private final ObjectProperty<ContextEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper kubeconfigMissing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConnectionProblem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BackgroundTasks.Handle> connecting = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectedCluster> review = new ReadOnlyObjectWrapper<>();

    ConnectViewModel(Settings settings, BackgroundTasks tasks, ConnectFlow flow,
                     Consumer<ConnectedCluster> onConnected) {
        this.settings = settings;
        this.tasks = tasks;
        this.flow = flow;
        this.onConnected = onConnected;
    }

    /** Reads the remembered kubeconfig file, else KUBECONFIG / ~/.kube/config, off the FX thread. */
    void reload() {
        Optional<Path> chosen = chosenFile();
        loading.set(true);
        tasks.submit("Reading kubeconfig", progress -> {
            progress.update("Reading " + chosen.map(Path::toString).orElse("KUBECONFIG or ~/.kube/config"), -1);
            return flow.contexts(chosen);
        }, this::showContexts, error -> {
            loading.set(false);
            contexts.clear();
            selected.set(null);
            kubeconfigMissing.set(false);
            source.set(chosen.map(file -> file + " (could not be read)").orElse("KUBECONFIG or ~/.kube/config "
                    + "(could not be read)"));
            problem.set(ConnectFlow.problemOf(error));
        });
    }

    void chooseFile(Path file) {
        settings.put(FILE_KEY, file.toAbsolutePath().toString());
        reload();
    }

    void useDefaultKubeconfig() {
        settings.put(FILE_KEY, null);
        reload();
    }

    void connect() {
        ContextEntry context = selected.get();
        if (context == null || isBusy()) {
            return;
        }
        Optional<Path> file = chosenFile();
        ConnectTiming.started(context.name());
        start("Connecting to " + context.name(), progress -> flow.connect(file, context, progress), connected -> {
            settings.put(CONTEXT_KEY, context.name());
            finishConnect(connected);
        });
    }

    void rehearse(Optional<Path> scenario) {
        if (isBusy()) {
            return;
        }
        ConnectTiming.started("the sandbox");
        start("Starting the simulated home lab", progress -> flow.sandbox(scenario, progress), this::finishConnect);
    }

    /** A lab started ahead (the {@code --sandbox} start): the rehearsal takes it instead of starting another. */
    void usePreparedSandbox(SandboxPrestart prestart) {
        flow.usePrepared(prestart);
    }

    /** Stops a lab started ahead and not taken (the app quits). */
    void close() {
        flow.discardPreparedSandbox();
    }

    void cancel() {
        BackgroundTasks.Handle handle = connecting.get();
        if (handle != null) {
            handle.cancel();
            connecting.set(null);
        }
    }

    /** From the review (something denied or missing): go on to the pages anyway. */
    void continueWithReview() {
        ConnectedCluster connected = review.get();
        if (connected != null) {
            review.set(null);
            onConnected.accept(connected);
        }
    }

    /** From the review: close this connection and choose again. */
    void abandonReview() {
        ConnectedCluster connected = review.get();
        review.set(null);
        if (connected != null) {
            tasks.submit("Disconnecting from " + connected.report().context(), progress -> {
                connected.console().close();
                return null;
            }, ignored -> { }, error -> { });
        }
    }

    private void start(String title, java.util.function.Function<dev.homelab.console.task.Progress,
            ConnectedCluster> work, Consumer<ConnectedCluster> done) {
        problem.set(null);
        review.set(null);
        BackgroundTasks.Handle[] handle = new BackgroundTasks.Handle[1];
        handle[0] = tasks.submit(title, work, connected -> {
            if (connecting.get() == handle[0]) {
                connecting.set(null);
            }
            done.accept(connected);
        }, error -> {
            if (connecting.get() == handle[0]) {
                connecting.set(null);
            }
            problem.set(ConnectFlow.problemOf(error));
        });
        connecting.set(handle[0]);
    }

    private void finishConnect(ConnectedCluster connected) {
        if (connected.needsReview()) {
            review.set(connected);
        } else {
            onConnected.accept(connected);
        }
    }

    private void showContexts(KubeconfigContexts loaded) {
        loading.set(false);
        problem.set(null);
        contexts.setAll(loaded.contexts());
        kubeconfigMissing.set(loaded.isEmpty());
        if (loaded.isEmpty() && !isBusy()) {
            // The rehearsal is what this screen recommends now: have its lab running by the time it is chosen.
            flow.prepareSandbox(Optional.empty());
        }
        source.set(describe(loaded.files()));
        Optional<String> remembered = settings.get(CONTEXT_KEY);
        ContextEntry choice = remembered.flatMap(loaded::context)
                .or(() -> loaded.currentContext().flatMap(loaded::context))
                .orElse(contexts.isEmpty() ? null : contexts.get(0));
        selected.set(choice);
    }

    private String describe(List<Path> files) {
        if (files.isEmpty()) {
            return chosenFile().map(f -> f + " (not found)")
                    .orElse("No kubeconfig found (KUBECONFIG is unset and ~/.kube/config does not exist)");
        }
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private boolean isBusy() {
        return connecting.get() != null;
    }

    ObservableList<ContextEntry> contexts() {
        return contexts;
    }

    ObjectProperty<ContextEntry> selectedProperty() {
        return selected;
    }

    ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty kubeconfigMissingProperty() {
        return kubeconfigMissing.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ConnectionProblem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<BackgroundTasks.Handle> connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ConnectedCluster> reviewProperty() {
        return review.getReadOnlyProperty();
    }

    boolean usesChosenFile() {
        return chosenFile().isPresent();
    }

    private Optional<Path> chosenFile() {
        return settings.get(FILE_KEY).filter(file -> !file.isBlank()).map(Path::of);
    }
}
