package dev.homelab.console.ui.common;

import javafx.application.Platform;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest value from any thread to the FX thread, skipping values that were superseded before the FX
 * thread got to them: a burst of watch events or samples costs one UI update, never a queue of stale ones.
 */
public final class FxCoalescer<T> {

    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<T> consumer;

    public FxCoalescer(Consumer<T> consumer) {
        this.consumer = consumer;
    }

    /** Any thread. At most one FX update is pending at a time; it sees the newest value. */
    public void push(T value) {
        if (latest.getAndSet(Objects.requireNonNull(value)) == null) {
            Platform.runLater(this::drain);
        }
    }

    private void drain() {
        T value = latest.getAndSet(null);
        if (value != null) {
            consumer.accept(value);
        }
    }
}
