package dev.homelab.console.ui.common;

import dev.homelab.console.task.Progress;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Tag("ui")
class BackgroundTasksTest {

    private final BackgroundTasks tasks = new BackgroundTasks();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void theLastProgressTextShowsEvenWhenTheWorkThenGoesQuiet() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<BackgroundTasks.Handle> handle = new AtomicReference<>();
        onFx(() -> handle.set(tasks.submit("Quiet work", progress -> {
            progress.update("step 1", 0.1);
            progress.update("step 2", 0.2);
            progress.update("waiting for the API server", 0.5);
            awaitLatch(release);
            return "done";
        }, result -> { }, error -> { })));

        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> handle.get().messageProperty().get())
                .equals("waiting for the API server"));
        assertThat(fx(() -> handle.get().fractionProperty().get())).isEqualTo(0.5);
        release.countDown();
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> tasks.running().isEmpty()));
    }

    @Test
    void aFloodOfUpdatesReachesTheUiAsAFewCoalescedOnes() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicReference<BackgroundTasks.Handle> handle = new AtomicReference<>();
        AtomicBoolean finished = new AtomicBoolean();
        onFx(() -> {
            handle.set(tasks.submit("Busy work", progress -> {
                for (int i = 0; i < 200_000; i++) {
                    progress.update("item " + i, i / 200_000.0);
                }
                sleep(300);
                return null;
            }, result -> finished.set(true), error -> { }));
            handle.get().messageProperty().addListener((obs, old, text) -> seen.add(text));
        });
        await().atMost(10, TimeUnit.SECONDS).untilTrue(finished);
        assertThat(seen).isNotEmpty().hasSizeLessThan(200).contains("item 199999");
    }

    @Test
    void cancellingStopsTheWorkAndCallsNeitherCallback() throws Exception {
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean called = new AtomicBoolean();
        AtomicReference<BackgroundTasks.Handle> handle = new AtomicReference<>();
        onFx(() -> handle.set(tasks.submit("Endless", (Progress progress) -> {
            while (!progress.isCancelled()) {
                sleep(10);
            }
            sawCancel.set(true);
            progress.checkCancelled();
            return null;
        }, result -> called.set(true), error -> called.set(true))));
        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> tasks.running().size() == 1));

        onFx(() -> handle.get().cancel());

        await().atMost(5, TimeUnit.SECONDS).until(() -> fx(() -> tasks.running().isEmpty()));
        assertThat(sawCancel).isTrue();
        assertThat(called).isFalse();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void onFx(Runnable action) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                action.run();
            } finally {
                done.countDown();
            }
        });
        done.await(5, TimeUnit.SECONDS);
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        onFx(() -> {
            try {
                value.set(read.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }
}
