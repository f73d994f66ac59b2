package dev.homelab.console.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the desktop app (or a probe main) as a separate, cold JVM with its own temporary home and reads what the
 * app reports with {@code -Dhomelab.startup.report} (see {@code ui.shell.StartupTiming} and
 * {@code ui.common.ConnectTiming}). Every process is stopped by its PID.
 */
final class AppRuns {

    /** What app/run and the packaged app start with (app/jvm.options, run from the project folder). */
    static final List<String> TUNED = jvmOptions();
    /** CDS messages would go to stdout; app/run and the packaged launcher switch them off the same way. */
    static final List<String> CDS_QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    final String classpath;
    final Path work;

    AppRuns(String classpath, Path work) {
        this.classpath = classpath;
        this.work = work;
    }

    /** The packaged JAR (AppCDS archives classes from JARs only) and the runtime class path, plus {@code extra}. */
    static String packagedClasspath(Path project, String... extra) throws IOException {
        Path jar;
        try (var jars = Files.list(project.resolve("target"))) {
            jar = jars.filter(file -> file.getFileName().toString().matches("homelab-console-[0-9.]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run mvn -q -B -DskipTests package first"));
        }
        List<String> entries = new ArrayList<>();
        entries.add(jar.toString());
        entries.add(Files.readString(project.resolve("target/runtime-classpath.txt")).trim());
        entries.addAll(Arrays.asList(extra));
        return String.join(":", entries);
    }

    /** One started process and the report it writes. */
    record Run(Process process, Path home, Path report) {

        /** Waits until the report has {@code key} (or the process ended, or the time is up). */
        Map<String, Long> await(String key, long seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                Map<String, Long> values = read();
                if (values.containsKey(key) || !process.isAlive()) {
                    return values;
                }
                Thread.sleep(20);
            }
            return read();
        }

        Map<String, Long> read() throws IOException {
            Map<String, Long> values = new HashMap<>();
            if (Files.exists(report)) {
                for (String line : Files.readAllLines(report)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
                    }
                }
            }
            return values;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    Run start(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        Path home = Files.createTempDirectory(work, "home");
        Path report = home.resolve("startup.report");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList("-Dhomelab.home=" + home, "-Dhomelab.startup.report=" + report,
                "-cp", classpath, mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("stdout.log").toFile())
                .redirectError(home.resolve("stderr.log").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("KUBECONFIG");
        return new Run(builder.start(), home, report);
    }

    /** Records an AppCDS archive the way app/run does: one start that quits by itself, archive written at exit. */
    boolean record(List<String> tuned, Path archive, String mainClass, String... args) throws Exception {
        List<String> options = new ArrayList<>(tuned);
        options.addAll(CDS_QUIET);
        options.add("-XX:ArchiveClassesAtExit=" + archive);
        options.add("-Dhomelab.startup.exitAfterNodesMillis=2000");
        Run training = start(options, mainClass, args);
        // Writing the archive at exit takes a while on a busy machine.
        if (!training.process().waitFor(300, TimeUnit.SECONDS)) {
            training.stop();
        }
        return Files.exists(archive);
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** utime + stime of the whole process in clock ticks (USER_HZ = 100 on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** "median 812 ms (min 790, max 901, n=3)" */
    static String summary(List<Long> values) {
        if (values.isEmpty()) {
            return "no value";
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("median %d ms (min %d, max %d, n=%d)", sorted[(sorted.length - 1) / 2], sorted[0],
                sorted[sorted.length - 1], sorted.length);
    }

    private static List<String> jvmOptions() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("app", "jvm.options")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("run the benchmark from the project folder (app/jvm.options)", e);
        }
    }
}
