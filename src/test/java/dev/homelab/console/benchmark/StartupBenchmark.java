package dev.homelab.console.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Start-up benchmark of the desktop app: process start -> main window shown (the app reports it, see
 * {@code ui.shell.StartupTiming}), then RSS and idle CPU of a window left alone for 60 s.
 * Needs a display: run under Xvfb after {@code mvn -q -B -DskipTests package}:
 * <pre>
 *   xvfb-run -a java -cp target/test-classes dev.homelab.console.benchmark.StartupBenchmark [runs] [idleSeconds]
 * </pre>
 * Three JVM set-ups are compared: plain defaults, the tuned options packaging uses, and tuned + an AppCDS archive
 * recorded by a training start. Each started app is stopped by its PID. Figures go to docs/performance/startup.md.
 */
public final class StartupBenchmark {

    /** What app/run and the packaged app start with. */
    private static final List<String> TUNED = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
            "-Xss512k");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path project = Path.of("").toAbsolutePath();
        // AppCDS archives only class-path JARs, so the app's own classes come from the packaged JAR (mvn package)
        Path jar;
        try (var jars = Files.list(project.resolve("target"))) {
            jar = jars.filter(file -> file.getFileName().toString().matches("homelab-console-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run mvn -q -B -DskipTests package first"));
        }
        String classpath = jar + ":" + Files.readString(project.resolve("target/runtime-classpath.txt")).trim();
        Path work = Files.createTempDirectory("homelab-startup");
        Path archive = work.resolve("app.jsa");

        System.out.printf("Start-up benchmark: %d runs each, idle %d s, %d cores%n", runs, idleSeconds,
                Runtime.getRuntime().availableProcessors());
        measure("defaults", List.of(), classpath, work, runs, idleSeconds);
        measure("tuned (SerialGC, C1, Xmx256m)", TUNED, classpath, work, runs, idleSeconds);

        List<String> training = new ArrayList<>(TUNED);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        training.add("-Dhomelab.startup.exitAfterMillis=4000");
        Process trainer = start(training, classpath, work.resolve("training"), work.resolve("training.report"));
        trainer.waitFor(300, TimeUnit.SECONDS); // writing the archive at exit takes a while on a busy machine
        if (Files.exists(archive)) {
            List<String> cds = new ArrayList<>(TUNED);
            cds.add("-XX:SharedArchiveFile=" + archive);
            System.out.printf("AppCDS archive: %.1f MB%n", Files.size(archive) / 1e6);
            measure("tuned + AppCDS", cds, classpath, work, runs, idleSeconds);
        } else {
            System.out.println("The training run wrote no AppCDS archive; skipped that variant.");
        }
    }

    private static void measure(String label, List<String> jvmOptions, String classpath, Path work, int runs,
                                int idleSeconds) throws Exception {
        List<Long> shown = new ArrayList<>();
        List<Long> cpuMillis = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            boolean last = run == runs;
            Path home = Files.createTempDirectory(work, "home");
            Path report = home.resolve("startup.report");
            Process app = start(jvmOptions, classpath, home, report);
            try {
                Optional<Long> millis = awaitReport(report, app);
                if (millis.isEmpty()) {
                    System.out.printf("  %s: run %d showed no window (exit %s)%n", label, run,
                            app.isAlive() ? "-" : app.exitValue());
                    continue;
                }
                if (run > 0) {
                    shown.add(millis.get()); // run 0 warms the page cache and is not counted
                    cpuMillis.add(cpuTicks(app.pid()) * 10);
                }
                if (last) {
                    idle(label, app, idleSeconds);
                }
            } finally {
                app.destroy();
                if (!app.waitFor(5, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
        long[] sorted = shown.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] cpu = cpuMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length > 0) {
            System.out.printf("%-32s window shown after process start: median %d ms (min %d, max %d, n=%d); "
                            + "CPU used by then (user+sys, all threads): median %d ms%n",
                    label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length,
                    cpu[cpu.length / 2]);
        }
    }

    private static void idle(String label, Process app, int idleSeconds) throws Exception {
        long pid = app.pid();
        Thread.sleep(Math.max(0, idleSeconds - 30) * 1000L);
        long ticksBefore = cpuTicks(pid);
        long before = System.nanoTime();
        Thread.sleep(Math.min(30, idleSeconds) * 1000L);
        long ticksAfter = cpuTicks(pid);
        double seconds = (System.nanoTime() - before) / 1e9;
        double cpuPercent = (ticksAfter - ticksBefore) / 100.0 / seconds * 100.0;
        System.out.printf("%-32s after %d s idle: RSS %d MB, CPU over the last %.0f s %.2f %% of one core%n",
                label, idleSeconds, rssKb(pid) / 1024, seconds, cpuPercent);
    }

    private static Process start(List<String> jvmOptions, String classpath, Path home, Path report)
            throws IOException {
        Files.createDirectories(home);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList("-Dhomelab.home=" + home, "-Dhomelab.startup.report=" + report,
                "-cp", classpath, "dev.homelab.console.Launcher"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("stdout.log").toFile())
                .redirectError(home.resolve("stderr.log").toFile());
        builder.environment().put("HOME", home.toString());
        return builder.start();
    }

    private static Optional<Long> awaitReport(Path report, Process app) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && app.isAlive()) {
            if (Files.exists(report)) {
                String text = Files.readString(report).trim();
                if (text.startsWith("windowShownMillis=")) {
                    return Optional.of(Long.parseLong(text.substring("windowShownMillis=".length())));
                }
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** utime + stime of the whole process in clock ticks (USER_HZ = 100 on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
