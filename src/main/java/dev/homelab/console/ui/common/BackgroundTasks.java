package dev.homelab.console.ui.common;

import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs engine work off the FX thread and lists it (title, message, progress, cancel) for the shell's task panel.
 * Progress from the worker is coalesced and pushed to the FX thread at most every 100 ms, never per event.
 */
public final class BackgroundTasks implements AutoCloseable {

    private final ExecutorService executor;
    private final ObservableList<Handle> running = FXCollections.observableArrayList();

    public BackgroundTasks() {
        this(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "homelab-background");
            thread.setDaemon(true);
            return thread;
        }));
    }

    public BackgroundTasks(ExecutorService executor) {
        this.executor = executor;
    }

    /** The tasks now running, for display. Modified on the FX thread only. */
    public ObservableList<Handle> running() {
        return running;
    }

    /**
     * Runs {@code work} on a worker thread; {@code onSuccess} / {@code onError} run on the FX thread.
     * A cancelled task calls neither and disappears from the list.
     */
    public <T> Handle submit(String title, Function<Progress, T> work, Consumer<T> onSuccess,
                             Consumer<Throwable> onError) {
        Handle handle = new Handle(title);
        runOnFx(() -> running.add(handle));
        handle.future = executor.submit(() -> {
            try {
                T result = work.apply(handle.progress);
                handle.flush();
                runOnFx(() -> {
                    running.remove(handle);
                    if (!handle.cancelled.get()) {
                        onSuccess.accept(result);
                    }
                });
            } catch (CancelledException e) {
                runOnFx(() -> running.remove(handle));
            } catch (Throwable e) {
                runOnFx(() -> {
                    running.remove(handle);
                    if (!handle.cancelled.get()) {
                        onError.accept(e);
                    }
                });
            }
        });
        return handle;
    }

    @Override
    public void close() {
        running.forEach(Handle::cancel);
        executor.shutdownNow();
    }

    private static void runOnFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /** A running task as the UI sees it. Properties change on the FX thread only. */
    public static final class Handle {
        private static final long FX_UPDATE_INTERVAL_MILLIS = (long) Duration.millis(100).toMillis();

        private final String title;
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<String> pendingMessage = new AtomicReference<>();
        private volatile double pendingFraction = -1;
        private volatile long lastPushNanos;
        private volatile Future<?> future;
        private final Progress progress = new Progress() {
            @Override
            public void update(String text, double value) {
                pendingMessage.set(text);
                pendingFraction = value;
                long now = System.nanoTime();
                if (now - lastPushNanos > FX_UPDATE_INTERVAL_MILLIS * 1_000_000) {
                    lastPushNanos = now;
                    flush();
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get() || Thread.currentThread().isInterrupted();
            }
        };

        private Handle(String title) {
            this.title = title;
        }

        private void flush() {
            String text = pendingMessage.getAndSet(null);
            double value = pendingFraction;
            if (text != null) {
                runOnFx(() -> {
                    message.set(text);
                    fraction.set(value);
                });
            }
        }

        public String title() {
            return title;
        }

        public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        public javafx.beans.property.ReadOnlyDoubleProperty fractionProperty() {
            return fraction.getReadOnlyProperty();
        }

        public boolean isCancelled() {
            return cancelled.get();
        }

        public void cancel() {
            cancelled.set(true);
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }
    }
}
