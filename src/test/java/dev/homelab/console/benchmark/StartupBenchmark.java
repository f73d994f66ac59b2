package dev.homelab.console.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up benchmark of the desktop app, every figure from cold JVMs (one process per run; the first run of each
 * set-up warms the page cache and is not counted), with the CPU the process used (user+sys, all threads) and the
 * load average next to each figure, because wall time on a shared 2-core machine says little on its own:
 * <ul>
 *   <li>the floor: a JavaFX window with one label ({@link TrivialWindow});</li>
 *   <li>main window shown after process start (budget 0.9 s, 0.6 s with AppCDS), then RSS and idle CPU of the
 *       connect screen left alone for {@code idleSeconds};</li>
 *   <li>sandbox connect -> nodes shown (budget 1.5 s): {@code --sandbox} from process start, and "Start the
 *       sandbox" clicked 3 s after the window showed ({@link RehearseClickProbe}).</li>
 * </ul>
 * Set-ups: JVM defaults, the tuned options of app/run and the packaged app, and tuned + an AppCDS archive recorded
 * by one training start ({@code --sandbox} until the nodes show), as app/run and packaging/jpackage.sh do.
 * Needs a display and the packaged JAR:
 * <pre>
 *   mvn -q -B -DskipTests package
 *   xvfb-run -a java -cp target/test-classes dev.homelab.console.benchmark.StartupBenchmark [runs] [idleSeconds]
 * </pre>
 * Figures go to docs/performance/startup.md and docs/performance/sandbox.md.
 */
public final class StartupBenchmark {

    private static final String LAUNCHER = "dev.homelab.console.Launcher";

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path project = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("homelab-startup");
        AppRuns app = new AppRuns(AppRuns.packagedClasspath(project), work);
        // The probes live in target/test-classes, after the class path an AppCDS archive was recorded with.
        AppRuns probes = new AppRuns(AppRuns.packagedClasspath(project, project.resolve("target/test-classes")
                .toString()), work);

        System.out.printf("Start-up benchmark: %d counted runs each, %d cores, load average %.1f at the start%n",
                runs, Runtime.getRuntime().availableProcessors(), AppRuns.loadAverage());
        window(probes, "floor: a JavaFX window with one label (tuned)", AppRuns.TUNED,
                TrivialWindow.class.getName(), runs, 0);
        window(app, "app, JVM defaults", List.of(), LAUNCHER, runs, idleSeconds);
        window(app, "app, tuned (SerialGC, C1, Xmx256m)", AppRuns.TUNED, LAUNCHER, runs, idleSeconds);
        sandbox(app, probes, "tuned", AppRuns.TUNED, runs);

        Path archive = work.resolve("app.jsa");
        if (!app.record(AppRuns.TUNED, archive, LAUNCHER, "--sandbox")) {
            System.out.println("The training start wrote no AppCDS archive; the AppCDS set-up is skipped.");
            return;
        }
        System.out.printf("AppCDS archive recorded by one --sandbox start: %.1f MB%n", Files.size(archive) / 1e6);
        List<String> cds = new ArrayList<>(AppRuns.TUNED);
        cds.addAll(AppRuns.CDS_QUIET);
        cds.add("-XX:SharedArchiveFile=" + archive);
        window(app, "app, tuned + AppCDS", cds, LAUNCHER, runs, idleSeconds);
        sandbox(app, probes, "tuned + AppCDS", cds, runs);
    }

    private static void window(AppRuns runner, String label, List<String> options, String main, int runs,
                               int idleSeconds) throws Exception {
        List<Long> shown = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            AppRuns.Run app = runner.start(options, main);
            try {
                Map<String, Long> report = app.await("windowShownMillis", 120);
                if (!report.containsKey("windowShownMillis")) {
                    System.out.printf("  %s: run %d showed no window (see %s)%n", label, run, app.home());
                    continue;
                }
                if (run > 0) {
                    shown.add(report.get("windowShownMillis"));
                    cpu.add(report.get("cpuMillis"));
                    load.add(AppRuns.loadAverage());
                }
                if (run == runs && idleSeconds > 0) {
                    idle(label, app, idleSeconds);
                }
            } finally {
                app.stop();
            }
        }
        System.out.printf("%-44s window shown after process start: %s; CPU by then %s; load %s%n", label,
                AppRuns.summary(shown), AppRuns.summary(cpu), load);
    }

    private static void idle(String label, AppRuns.Run app, int idleSeconds) throws Exception {
        long pid = app.process().pid();
        Thread.sleep(Math.max(0, idleSeconds - 30) * 1000L);
        long ticksBefore = AppRuns.cpuTicks(pid);
        long before = System.nanoTime();
        Thread.sleep(Math.min(30, idleSeconds) * 1000L);
        long ticksAfter = AppRuns.cpuTicks(pid);
        double seconds = (System.nanoTime() - before) / 1e9;
        System.out.printf("%-44s after %d s idle on the connect screen: RSS %d MB, CPU over the last %.0f s "
                        + "%.2f %% of one core (load %.1f)%n", label, idleSeconds, AppRuns.rssKb(pid) / 1024,
                seconds, (ticksAfter - ticksBefore) / 100.0 / seconds * 100.0, AppRuns.loadAverage());
    }

    private static void sandbox(AppRuns app, AppRuns probes, String label, List<String> options, int runs)
            throws Exception {
        List<String> quitting = new ArrayList<>(options);
        quitting.add("-Dhomelab.startup.exitAfterNodesMillis=300");
        List<Long> fromStart = new ArrayList<>();
        List<Long> fromStartCpu = new ArrayList<>();
        List<Long> click = new ArrayList<>();
        List<Long> clickCpu = new ArrayList<>();
        List<Double> load = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            Map<String, Long> started = nodesShown(app.start(quitting, LAUNCHER, "--sandbox"), label, run);
            Map<String, Long> clicked = nodesShown(probes.start(quitting, RehearseClickProbe.class.getName()),
                    label, run);
            if (run > 0) {
                add(started, "nodesShownAfterStartMillis", fromStart);
                add(started, "processCpuMillis", fromStartCpu);
                add(clicked, "connectToNodesMillis", click);
                add(clicked, "connectCpuMillis", clickCpu);
                load.add(AppRuns.loadAverage());
            }
        }
        System.out.printf("%-44s --sandbox, process start -> nodes shown: %s; CPU by then %s%n", "sandbox, " + label,
                AppRuns.summary(fromStart), AppRuns.summary(fromStartCpu));
        System.out.printf("%-44s \"Start the sandbox\" clicked 3 s after the window showed -> nodes shown: %s; "
                + "CPU %s; load %s%n", "sandbox, " + label, AppRuns.summary(click), AppRuns.summary(clickCpu), load);
    }

    private static Map<String, Long> nodesShown(AppRuns.Run run, String label, int index) throws Exception {
        try {
            Map<String, Long> report = run.await("connectToNodesMillis", 180);
            if (!report.containsKey("connectToNodesMillis")) {
                System.out.printf("  sandbox, %s: run %d showed no nodes (see %s)%n", label, index, run.home());
            }
            return report;
        } finally {
            run.stop();
        }
    }

    private static void add(Map<String, Long> report, String key, List<Long> into) {
        if (report.containsKey(key)) {
            into.add(report.get(key));
        }
    }
}
