package dev.homelab.console.ui.common;

import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs engine work off the FX thread and lists it (title, message, progress, cancel) for the shell's task panel.
 * Workers only record their latest progress; one FX timeline copies it into the properties every 100 ms while
 * anything runs, so the UI sees at most ten updates a second per task and the last reported text always shows.
 */
public final class BackgroundTasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);
    static final Duration FX_UPDATE_INTERVAL = Duration.millis(100);

    private final ExecutorService executor;
    private final ObservableList<Handle> running = FXCollections.observableArrayList();
    private Timeline flushTimeline;

    public BackgroundTasks() {
        this(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "homelab-background");
            thread.setDaemon(true);
            return thread;
        }));
    }

    public BackgroundTasks(ExecutorService executor) {
        this.executor = executor;
        running.addListener((ListChangeListener<Handle>) change -> updateTimeline());
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
                runOnFx(() -> {
                    finish(handle);
                    if (!handle.cancelled.get()) {
                        onSuccess.accept(result);
                    }
                });
            } catch (CancelledException e) {
                runOnFx(() -> finish(handle));
            } catch (Throwable e) {
                runOnFx(() -> {
                    finish(handle);
                    if (handle.cancelled.get()) {
                        LOG.debug("'{}' failed after it was cancelled: {}", title, e.toString());
                    } else {
                        LOG.warn("'{}' failed", title, e);
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

    private void finish(Handle handle) {
        handle.applyPending();
        running.remove(handle);
    }

    private void updateTimeline() {
        if (running.isEmpty()) {
            if (flushTimeline != null) {
                flushTimeline.stop();
            }
            return;
        }
        if (flushTimeline == null) {
            flushTimeline = new Timeline(new KeyFrame(FX_UPDATE_INTERVAL, event -> running.forEach(Handle::applyPending)));
            flushTimeline.setCycleCount(Animation.INDEFINITE);
        }
        if (flushTimeline.getStatus() != Animation.Status.RUNNING) {
            flushTimeline.play();
        }
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
        private final String title;
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
        private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(-1);
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<Update> pending = new AtomicReference<>();
        private volatile Future<?> future;
        private final Progress progress = new Progress() {
            @Override
            public void update(String text, double value) {
                pending.set(new Update(text, value));
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get() || Thread.currentThread().isInterrupted();
            }
        };

        private Handle(String title) {
            this.title = title;
        }

        /** On the FX thread: shows the latest update the worker reported, if any arrived since the last call. */
        private void applyPending() {
            Update update = pending.getAndSet(null);
            if (update != null) {
                message.set(update.text() == null ? "" : update.text());
                fraction.set(update.fraction());
            }
        }

        public String title() {
            return title;
        }

        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        /** In [0,1], or negative while the amount of work is unknown. */
        public ReadOnlyDoubleProperty fractionProperty() {
            return fraction.getReadOnlyProperty();
        }

        public boolean isCancelled() {
            return cancelled.get();
        }

        /** Asks the work to stop (it sees {@link Progress#isCancelled()}) and interrupts its thread. */
        public void cancel() {
            cancelled.set(true);
            Future<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
        }

        private record Update(String text, double fraction) {
        }
    }
}
