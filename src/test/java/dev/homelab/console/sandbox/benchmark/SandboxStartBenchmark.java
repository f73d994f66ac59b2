package dev.homelab.console.sandbox.benchmark;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Prints how long the default lab takes from {@code Sandbox.start} to the first node list the app would show, with
 * the CPU the process used meanwhile (user+sys, all threads) and the load average. Run several rounds in one JVM:
 * the first one pays for class loading, later ones show the steady cost. The whole app path (connect -> nodes shown
 * in the window, cold processes) is measured by {@code dev.homelab.console.benchmark.StartupBenchmark}.
 */
public final class SandboxStartBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        AppDirs dirs = AppDirs.under(Files.createTempDirectory("sandbox-bench"));
        for (int i = 1; i <= rounds; i++) {
            long cpuBefore = cpuMillis();
            long start = System.nanoTime();
            SandboxLab lab = Sandbox.start(Optional.empty(), dirs);
            long started = System.nanoTime();
            int nodes = lab.session().kube().nodes().list().getItems().size();
            long listed = System.nanoTime();
            System.out.printf("round %d: start %d ms, first node list (%d nodes) %d ms, total %d ms, CPU %d ms, "
                            + "load %s%n", i, (started - start) / 1_000_000, nodes, (listed - started) / 1_000_000,
                    (listed - start) / 1_000_000, cpuMillis() - cpuBefore,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            lab.session().close();
            lab.lifecycle().close();
        }
        System.exit(0);
    }

    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }
}
