package dev.homelab.console.benchmark;

import atlantafx.base.theme.PrimerLight;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.app.Settings;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.logs.LogsPageFactory;
import dev.homelab.console.ui.shell.Page;
import dev.homelab.console.ui.shell.UiContext;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pushes 2,000 lines/s for 60 s through the real path — a Loki WebSocket tail (mockwebserver3, Loki's message shape),
 * {@code LokiTail}, the batcher and the Logs page's virtualized list — headless (Monocle), and prints lines sent and
 * shown, the longest gap between FX pulses (an AnimationTimer gap monitor) and the heap once the buffer is full and
 * at the end. Run: {@code mvn -q test-compile exec:java}-free — see docs/performance/logs.md for the command line.
 * Arguments: [lines per second] [seconds].
 */
public final class LogViewBenchmark {

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        headless();
        Path home = Files.createTempDirectory("log-bench");
        AppDirs dirs = AppDirs.under(home);
        AtomicLong sent = new AtomicLong();
        try (MockWebServer loki = fakeLoki(rate, sent)) {
            Settings.load(dirs).put(LokiConnector.SETTING_ADDRESS, loki.url("/").toString());
            CountDownLatch started = new CountDownLatch(1);
            Platform.startup(started::countDown);
            started.await();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());

            AtomicReference<ListView<?>> list = new AtomicReference<>();
            AtomicLong maxGapNanos = new AtomicLong();
            AtomicLong lastPulse = new AtomicLong();
            AtomicLong lastPulseCpu = new AtomicLong();
            AtomicLong maxWorkNanos = new AtomicLong();
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            BackgroundTasks tasks = new BackgroundTasks();
            Platform.runLater(() -> {
                ConsoleContext console = new ConsoleContext(null, null, dirs, null);
                Page page = new LogsPageFactory().create(new UiContext(console, tasks, id -> { }));
                Stage stage = new Stage();
                stage.setScene(new Scene((Parent) page.view(), 1280, 800));
                stage.show();
                page.onShown();
                list.set((ListView<?>) stage.getScene().getRoot().lookup(".log-list"));
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        long previous = lastPulse.getAndSet(now);
                        long cpuNow = cpu.getCurrentThreadCpuTime();
                        long previousCpu = lastPulseCpu.getAndSet(cpuNow);
                        if (previous != 0) {
                            maxGapNanos.accumulateAndGet(now - previous, Math::max);
                            maxWorkNanos.accumulateAndGet(cpuNow - previousCpu, Math::max);
                        }
                    }
                }.start();
            });

            Runtime runtime = Runtime.getRuntime();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long fxThread = fxThreadId();
            long heapStart = usedHeapAfterGc(runtime);
            long heapFull = 0;
            long gapWhileFilling = 0;
            System.out.printf("Pushing %,d lines/s for %d s through the Logs page (buffer 10,000 lines)%n", rate, seconds);
            long fxCpuAtFull = 0;
            long sentAtFull = 0;
            while (sent.get() < 10L * rate) {
                Thread.sleep(100); // start-up and filling the 10,000-line buffer
            }
            gapWhileFilling = maxGapNanos.get();
            heapFull = usedHeapAfterGc(runtime);
            // forced GCs stop every thread and clear JavaFX's soft-referenced glyph/layout caches: let the view
            // settle for 5 s so the measurement sees the steady stream, not the benchmark's own intervention
            Thread.sleep(5_000);
            lastPulse.set(0);
            maxGapNanos.set(0);
            maxWorkNanos.set(0);
            fxCpuAtFull = threads.getThreadCpuTime(fxThread);
            sentAtFull = sent.get();
            for (int s = 1; s <= seconds; s++) {
                Thread.sleep(1000);
                if (s % 10 == 0) {
                    System.out.printf("  t=%2d s sent %,d, shown %,d, max FX pulse gap so far %.1f ms%n", s, sent.get(),
                            shown(list), maxGapNanos.get() / 1e6);
                }
            }
            long fxCpu = threads.getThreadCpuTime(fxThread) - fxCpuAtFull;
            long steadySent = sent.get() - sentAtFull;
            long maxGap = maxGapNanos.get();
            long maxWork = maxWorkNanos.get();
            long heapEnd = usedHeapAfterGc(runtime);
            System.out.printf("Lines sent: %,d in all, %,d (%.0f/s) during the measured %d s%n", sent.get(), steadySent,
                    steadySent / (double) seconds, seconds);
            System.out.printf("Lines shown (buffer): %,d%n", shown(list));
            System.out.printf("Max FX pulse gap: %.1f ms during start-up and buffer fill, %.1f ms over the %d s after%n",
                    gapWhileFilling / 1e6, maxGap / 1e6, seconds);
            System.out.printf("Most FX-thread CPU between two pulses: %.1f ms (the stall the view itself causes, "
                    + "whatever the machine's load)%n", maxWork / 1e6);
            System.out.printf("FX thread CPU over those %d s: %.0f ms (%.1f %% of one core) for %,d lines, %.1f µs/line%n",
                    seconds, fxCpu / 1e6, fxCpu / 1e7 / seconds, steadySent, fxCpu / 1e3 / Math.max(1, steadySent));
            System.out.printf("Heap used after GC: start %.1f MB, buffer full %.1f MB, end (%d s later) %.1f MB%n",
                    heapStart / 1e6, heapFull / 1e6, seconds, heapEnd / 1e6);
            System.out.printf("Load average at the end: %.1f on %d cores%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    runtime.availableProcessors());
            Platform.exit();
            tasks.close();
        }
        System.exit(0);
    }

    private static int shown(AtomicReference<ListView<?>> list) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        int[] size = {0};
        Platform.runLater(() -> {
            size[0] = list.get() == null ? -1 : list.get().getItems().size();

            done.countDown();
        });
        return done.await(30, TimeUnit.SECONDS) ? size[0] : -1;
    }

    private static long fxThreadId() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] id = {0};
        Platform.runLater(() -> {
            id[0] = Thread.currentThread().getId();
            done.countDown();
        });
        done.await();
        return id[0];
    }

    private static long usedHeapAfterGc(Runtime runtime) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A Loki that answers the page's start-up calls and streams {@code rate} lines/s to every tail. */
    private static MockWebServer fakeLoki(int rate, AtomicLong sent) throws Exception {
        MockWebServer server = new MockWebServer();
        AtomicReference<WebSocket> current = new AtomicReference<>();
        ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-loki");
            t.setDaemon(true);
            return t;
        });
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.equals("/loki/api/v1/tail")) {
                    return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket socket, Response response) {
                            if (current.getAndSet(socket) == null) {
                                long startNanos = System.nanoTime();
                                long startSent = sent.get();
                                pusher.scheduleAtFixedRate(() -> {
                                    long due = startSent + (System.nanoTime() - startNanos) * rate / 1_000_000_000L;
                                    int lines = (int) Math.min(rate, due - sent.get());
                                    if (lines >= 2) {
                                        current.get().send(message(lines, sent));
                                    }
                                }, 10, 10, TimeUnit.MILLISECONDS);
                            }
                        }
                    }).build();
                }
                String body = path.equals("/loki/api/v1/status/buildinfo") ? "{\"version\":\"3.7.6\"}"
                        : "{\"status\":\"success\",\"data\":[]}";
                return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
            }
        });
        server.start();
        return server;
    }

    private static String message(int lines, AtomicLong sent) {
        StringBuilder out = new StringBuilder("{\"streams\":[");
        long base = System.currentTimeMillis() * 1_000_000L;
        for (int stream = 0; stream < 2; stream++) {
            out.append(stream == 0 ? "" : ",").append("{\"stream\":{\"namespace\":\"kube-system\",\"pod\":\"")
                    .append(stream == 0 ? "coredns-6799fbcd5-x2x9k" : "traefik-5d45fc8cc9-abcde")
                    .append("\",\"container\":\"").append(stream == 0 ? "coredns" : "traefik")
                    .append("\",\"node\":\"pi-worker-1\"},\"values\":[");
            for (int i = 0; i < lines / 2; i++) {
                long n = sent.incrementAndGet();
                String line = stream == 0
                        ? "[INFO] 10.42.1." + (n % 250) + ":53 - " + n + " \\\"A IN grafana.monitoring.svc.cluster."
                        + "local. udp 62 false 512\\\" NOERROR qr,aa,rd 128 0.000" + (n % 900 + 100) + "s"
                        : "{\\\"level\\\":\\\"" + (n % 50 == 0 ? "error" : "info") + "\\\",\\\"RequestPath\\\":"
                        + "\\\"/api/health\\\",\\\"DownstreamStatus\\\":200,\\\"n\\\":" + n + "}";
                out.append(i == 0 ? "" : ",").append("[\"").append(base + n).append("\",\"").append(line)
                        .append("\"]");
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }

    private static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        System.setProperty("headless.geometry", "1280x800-32");
    }
}
