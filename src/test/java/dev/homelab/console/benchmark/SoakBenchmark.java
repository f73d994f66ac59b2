package dev.homelab.console.benchmark;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Settings;
import dev.homelab.console.ui.shell.ConsoleShell;
import dev.homelab.console.ui.shell.StartupOptions;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The memory budget's run: the real main window connected to the sandbox, with the Logs page tailing
 * {@code {namespace="kube-system"}} and the Resources page's live charts sampling, for N minutes. Prints the process's
 * RSS ({@code VmRSS}, and its anonymous / file-backed parts), heap in use and CPU share once a minute.
 * <p>{@code embedded}: the sandbox runs inside the app's process (what "Rehearse on a simulated home lab" does).
 * {@code external}: the sandbox runs in a second process ({@code sandbox-serve}) and the app connects through the
 * kubeconfig that writes, port-forwards included — the app's own footprint, as against a real cluster.
 * Run it with the JVM options of app/run, under Xvfb:
 * <pre>
 *   mvn -q -B -DskipTests package && mvn -q -B test-compile
 *   xvfb-run -a java $(grep -v '^#' app/jvm.options) \
 *     -cp "target/classes:target/test-classes:$(cat target/runtime-classpath.txt)" \
 *     dev.homelab.console.benchmark.SoakBenchmark 30 external
 * </pre>
 */
public final class SoakBenchmark {

    private static final CompletableFuture<ConsoleShell> SHELL = new CompletableFuture<>();
    private static final CompletableFuture<Stage> STAGE = new CompletableFuture<>();
    private static Path home;
    private static boolean external;

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        external = args.length > 1 && args[1].equals("external");
        home = Files.createTempDirectory("homelab-soak");
        Process lab = null;
        if (external) {
            Path kubeconfig = home.resolve("lab.kubeconfig");
            lab = serveSandbox(kubeconfig);
            Files.createDirectories(home.resolve("config"));
            Files.writeString(home.resolve("config/settings.json"), "{\"kubeconfig.file\": \"" + kubeconfig
                    + "\", \"kubeconfig.context\": \"homelab-sandbox\"}");
        }
        Thread ui = new Thread(() -> Application.launch(Window.class), "fx-launcher");
        ui.setDaemon(true);
        ui.start();
        ConsoleShell shell = SHELL.get(120, TimeUnit.SECONDS);
        if (external) {
            Stage stage = STAGE.get();
            long shown = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (onFx(() -> stage.getScene() == null || stage.getScene().lookup("#connect-button") == null
                    || stage.getScene().lookup("#connect-button").isDisabled())) {
                if (System.nanoTime() > shown) {
                    throw new IllegalStateException("the connect screen did not offer the lab's context");
                }
                Thread.sleep(200);
            }
            onFx(() -> {
                ((javafx.scene.control.Button) stage.getScene().lookup("#connect-button")).fire();
                return null;
            });
        }
        long connectDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (onFx(shell::pageIds).isEmpty()) {
            if (System.nanoTime() > connectDeadline) {
                throw new IllegalStateException("the sandbox did not connect within 5 minutes");
            }
            Thread.sleep(200);
        }
        List<String> pages = onFx(shell::pageIds);
        System.out.printf("Soak (%s sandbox): %d min, pages %s, %d cores, load %s%n",
                external ? "external" : "embedded", minutes, pages,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        onFx(() -> shell.navigate("logs"));
        Thread.sleep(10_000);
        onFx(() -> shell.navigate("charts"));

        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        System.out.println("minute  rss_MB  anon_MB  file_MB  heap_used_MB  cpu_%_of_a_core_last_minute  load");
        long lastCpu = cpuStart;
        long lastAt = start;
        for (int minute = 1; minute <= minutes; minute++) {
            Thread.sleep(Math.max(0, start + TimeUnit.MINUTES.toNanos(minute) - System.nanoTime()) / 1_000_000);
            long now = System.nanoTime();
            long cpu = processCpuNanos();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("%6d  %6.1f  %7.1f  %7.1f  %12.1f  %27.2f  %s%n", minute, statusKb("VmRSS") / 1024.0,
                    statusKb("RssAnon") / 1024.0, statusKb("RssFile") / 1024.0,
                    (runtime.totalMemory() - runtime.freeMemory()) / 1e6, 100.0 * (cpu - lastCpu) / (now - lastAt),
                    loadAverage());
            lastCpu = cpu;
            lastAt = now;
        }
        System.out.printf("whole run: CPU %.2f %% of a core on average%n",
                100.0 * (processCpuNanos() - cpuStart) / (System.nanoTime() - start));
        onFx(() -> {
            shell.shutdown();
            return null;
        });
        Platform.exit();
        if (lab != null) {
            lab.destroy();
            lab.waitFor(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** {@code sandbox-serve} in a child JVM with the same class path; returns once the kubeconfig is written. */
    private static Process serveSandbox(Path kubeconfig) throws Exception {
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.homelab.console.Launcher", "sandbox-serve",
                "--kubeconfig", kubeconfig.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(kubeconfig)) {
            if (!lab.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("sandbox-serve did not write " + kubeconfig);
            }
            Thread.sleep(200);
        }
        return lab;
    }

    /** The app's main window, as ConsoleApp builds it, in its own data folder. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            AppDirs dirs = AppDirs.under(home);
            ConsoleShell shell = new ConsoleShell(stage, dirs, Settings.load(dirs));
            shell.start(StartupOptions.parse(external ? List.of() : List.of("--sandbox")));
            STAGE.complete(stage);
            SHELL.complete(shell);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }

    private static long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
