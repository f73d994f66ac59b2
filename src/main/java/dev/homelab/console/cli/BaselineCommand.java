package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.telemetry.ClusterObserver;
import dev.homelab.console.telemetry.MetricsServerClient;
import dev.homelab.console.telemetry.Sampler;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.Units;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.baseline.Baselines;
import dev.homelab.console.telemetry.baseline.WindowSummary;
import dev.homelab.console.task.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code baseline capture|list|rename|delete}: the named "before" windows kept with the cluster's history (the
 * same SQLite history the desktop app writes while connected).
 */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Capture, list, rename and delete baselines of node and component usage.",
        subcommands = {BaselineCommand.Capture.class, BaselineCommand.ListBaselines.class,
                BaselineCommand.Rename.class, BaselineCommand.Delete.class})
public final class BaselineCommand extends ParentCommand {

    /** One line per baseline in list output. */
    public record BaselineInfo(String name, Instant created, Instant from, Instant to, int nodes, int components,
                               double coverage, double memoryMeanBytes, double cpuMeanCores) {
        static BaselineInfo of(Baseline baseline) {
            WindowSummary w = baseline.window();
            return new BaselineInfo(baseline.name(), baseline.created(), Instant.ofEpochMilli(w.fromMillis()),
                    Instant.ofEpochMilli(w.toMillis()), w.nodes().size(), w.components().size(), w.coverage(),
                    w.total().memory().mean(), w.total().cpu().mean());
        }
    }

    @Command(name = "capture", mixinStandardHelpOptions = true,
            description = "Record a named window (default: the last 60 min) of node and component usage: mean, p95,"
                    + " max. Ranges the app did not sample are read from Prometheus/VictoriaMetrics when reachable.")
    static final class Capture implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Option(names = "--name", defaultValue = Telemetry.DEFAULT_BASELINE_NAME, description = "default: ${DEFAULT-VALUE}")
        String name;
        @Option(names = "--window", defaultValue = "60m", converter = ShortDuration.class,
                description = "length of the window (default: ${DEFAULT-VALUE})")
        Duration window;
        @Option(names = "--ending", defaultValue = "0s", converter = ShortDuration.class, paramLabel = "AGO",
                description = "the window ends this long ago (default: now) — a baseline of the time before the"
                        + " cluster was changed, read from the app's history and Prometheus/VictoriaMetrics")
        Duration ending;
        @Option(names = "--sample", converter = ShortDuration.class, paramLabel = "DURATION",
                description = "sample metrics.k8s.io live for this long first (when the app has not been running)")
        Duration sample;
        @Option(names = "--no-promql", description = "do not read missing ranges from Prometheus/VictoriaMetrics")
        boolean noPromql;

        @Override
        public Integer call() {
            return OfflineTelemetry.run(options, (connected, telemetry) -> {
                if (sample != null && !ending.isZero()) {
                    throw new CliFailure(ExitCodes.USAGE, "--sample measures now, so it cannot fill a window that"
                            + " ended " + ending.toMinutes() + " min ago: leave out --sample or --ending.");
                }
                Progress progress = CliSupport.progress(options);
                if (sample != null) {
                    sampleLive(connected, telemetry, sample, progress);
                }
                Instant to = Instant.now().minus(ending);
                if (!noPromql) {
                    telemetry.fillFromPromQL(to.minus(window), to, progress).problems()
                            .forEach(p -> progress.update(p, -1));
                }
                Baseline baseline;
                try {
                    baseline = CliSupport.usage(() -> telemetry.baselines().capture(name, to.minus(window), to));
                } catch (Baselines.NoSamplesException e) {
                    throw new CliFailure(ExitCodes.OPERATION_FAILED, e.getMessage()
                            + " Or run again with --sample 10m to sample now.");
                }
                CliSupport.print(options, baseline, () -> printSummary(baseline));
                return ExitCodes.OK;
            });
        }

        private static void printSummary(Baseline baseline) {
            WindowSummary w = baseline.window();
            System.out.printf(Locale.ROOT, "Baseline '%s' captured: %s – %s, %.0f %% of the window sampled%n",
                    baseline.name(), Instant.ofEpochMilli(w.fromMillis()), Instant.ofEpochMilli(w.toMillis()),
                    w.coverage() * 100);
            System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %10s %10s%n", "NODE", "MEM MEAN", "MEM P95", "MEM MAX",
                    "CPU MEAN", "CPU P95");
            w.nodes().forEach((node, s) -> System.out.printf(Locale.ROOT, "%-28s %12s %12s %12s %10s %10s%n", node,
                    Units.bytes(s.memory().mean()), Units.bytes(s.memory().p95()), Units.bytes(s.memory().max()),
                    Units.cores(s.cpu().mean()), Units.cores(s.cpu().p95())));
            System.out.printf(Locale.ROOT, "%n%-40s %12s %12s %10s%n", "COMPONENT", "MEM MEAN", "MEM P95", "CPU MEAN");
            w.components().values().forEach(c -> System.out.printf(Locale.ROOT, "%-40s %12s %12s %10s%n", c.label(),
                    Units.bytes(c.memory().mean()), Units.bytes(c.memory().p95()), Units.cores(c.cpu().mean())));
            w.sources().forEach(s -> System.out.println("source: " + s));
        }
    }

    /** Samples like the app does, for {@code --sample}: rounds every 15 s until the duration is over. */
    static void sampleLive(Connector.Connected connected, Telemetry telemetry, Duration duration, Progress progress)
            throws InterruptedException {
        try (ClusterObserver observer = new ClusterObserver(connected.context().cluster().kube());
             Sampler sampler = new Sampler(new MetricsServerClient(connected.context().cluster().kube()), observer,
                     telemetry.store(), Clock.systemUTC(), Sampler.DEFAULT_INTERVAL)) {
            if (!observer.awaitSynced(Duration.ofSeconds(10))) {
                progress.update("The pod and node watches did not deliver within 10 s: the first rounds may lack"
                        + " components", -1);
            }
            long end = System.nanoTime() + duration.toNanos();
            while (true) {
                progress.checkCancelled();
                sampler.sampleOnce();
                progress.update("Sampling metrics.k8s.io: " + sampler.status().message(), -1);
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Thread.sleep(Math.min(left / 1_000_000, Sampler.DEFAULT_INTERVAL.toMillis()));
            }
            if (sampler.status().state() == dev.homelab.console.telemetry.SamplerStatus.State.METRICS_UNAVAILABLE) {
                throw new CliFailure(ExitCodes.OPERATION_FAILED, sampler.status().message());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cluster's baselines.")
    static final class ListBaselines implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();

        @Override
        public Integer call() {
            return OfflineTelemetry.run(options, (connected, telemetry) -> {
                List<BaselineInfo> infos = telemetry.baselines().list().stream().map(BaselineInfo::of).toList();
                CliSupport.print(options, Map.of("baselines", infos, "history", telemetry.store().status().describe()),
                        () -> printList(infos));
                return ExitCodes.OK;
            });
        }

        private static void printList(List<BaselineInfo> infos) {
            if (infos.isEmpty()) {
                System.out.println("No baselines yet. Capture one with: homelab-console baseline capture");
                return;
            }
            System.out.printf(Locale.ROOT, "%-24s %-22s %8s %6s %12s %10s%n", "NAME", "FROM", "MINUTES", "NODES",
                    "MEMORY", "CPU");
            for (BaselineInfo info : infos) {
                System.out.printf(Locale.ROOT, "%-24s %-22s %8d %6d %12s %10s%n", info.name(), info.from(),
                        Duration.between(info.from(), info.to()).toMinutes(), info.nodes(),
                        Units.bytes(info.memoryMeanBytes()), Units.cores(info.cpuMeanCores()));
            }
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a baseline.")
    static final class Rename implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Parameters(index = "0", paramLabel = "NAME")
        String from;
        @Parameters(index = "1", paramLabel = "NEW_NAME")
        String to;

        @Override
        public Integer call() {
            return OfflineTelemetry.run(options, (connected, telemetry) -> {
                CliSupport.usage(() -> telemetry.baselines().rename(from, to));
                CliSupport.print(options, Map.of("renamed", from, "to", to), "Renamed '" + from + "' to '" + to + "'");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a baseline.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return OfflineTelemetry.run(options, (connected, telemetry) -> {
                CliSupport.usage(() -> telemetry.baselines().delete(name));
                CliSupport.print(options, Map.of("deleted", name), "Deleted baseline '" + name + "'");
                return ExitCodes.OK;
            });
        }
    }
}
