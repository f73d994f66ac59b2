package dev.homelab.console.reboot.run;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.reboot.buffers.BufferHistory;
import dev.homelab.console.reboot.buffers.BufferSnapshot;
import dev.homelab.console.reboot.buffers.VmagentBufferProbe;
import dev.homelab.console.reboot.plan.NodeProfile;
import dev.homelab.console.reboot.plan.RebootGuard;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.report.RebootReportHtml;
import dev.homelab.console.reboot.timeline.Milestone;
import dev.homelab.console.reboot.timeline.NodeRebootWatcher;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one guarded reboot test: guard rails, lock, cordon (never drain), the reboot pod, the timeline from watches,
 * cleanup (pod, uncordon, lock — also on timeout, error or cancel), then the analysis and the report.
 */
public final class RebootTestRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RebootTestRunner.class);

    private final ClusterSession cluster;
    private final AppDirs dirs;
    private final Clock clock;
    private final Duration sampleEvery;
    private final Duration settle;

    public RebootTestRunner(ClusterSession cluster, AppDirs dirs, Clock clock, Duration sampleEvery, Duration settle) {
        this.cluster = cluster;
        this.dirs = dirs;
        this.clock = clock;
        this.sampleEvery = sampleEvery;
        this.settle = settle;
    }

    public static RebootTestRunner standard(ClusterSession cluster, AppDirs dirs) {
        return new RebootTestRunner(cluster, dirs, Clock.systemUTC(), Duration.ofSeconds(5),
                dev.homelab.console.reboot.gaps.SettledGapAnalysis.DEFAULT_SETTLE);
    }

    public RebootPlan plan(RebootSettings settings) {
        return new RebootGuard(cluster.kube(), new RebootLock(cluster.kube(), clock)).plan(settings);
    }

    /**
     * @param timeline receives the live milestones (its listeners see them as they happen)
     * @param buffers  receives each vmagent queue reading as it is taken
     */
    public RebootResult run(RebootSettings settings, RebootTimeline timeline, Consumer<BufferSnapshot> buffers,
                            Progress progress) throws RebootRefusedException, RebootLock.LockHeldException {
        KubernetesClient kube = cluster.kube();
        RebootLock lock = new RebootLock(kube, clock);
        RebootPlan plan = new RebootGuard(kube, lock).plan(settings);
        if (!plan.allowed()) {
            throw new RebootRefusedException(plan);
        }
        String node = plan.node();
        NodeProfile target = plan.target().orElseThrow();
        Instant startedAt = clock.instant();
        RebootNamespace.ensure(kube);
        lock.acquire(identity(), node);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reboot-test-sampler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            progress.update("Opening VictoriaMetrics, vmagent, Alertmanager and Loki", -1);
            RebootMonitoring monitoring = RebootMonitoring.open(cluster);
            BufferHistory history = new BufferHistory();
            AlertWatch alerts = monitoring.alertmanager() == null ? null
                    : new AlertWatch(monitoring.alertmanager(), target.addresses(), clock);
            startSampling(scheduler, lock, monitoring, history, buffers, alerts);
            boolean recovered = reboot(plan, settings, target, timeline, monitoring, progress);
            progress.update(recovered ? "Analysing what VictoriaMetrics and Loki received" : "Node did not return; "
                    + "analysing what was observed", -1);
            RebootAnalysis analysis = new RebootAnalysis(clock, settle, monitoring, plan, timeline, history, alerts);
            RebootResult result = analysis.analyse(startedAt, cluster.identity().contextName(), progress);
            return persist(result);
        } finally {
            scheduler.shutdownNow();
            try {
                lock.release();
            } catch (RuntimeException e) {
                LOG.warn("Could not release the reboot-test lock; it expires by itself in {}", RebootLock.DURATION, e);
            }
        }
    }

    /** Cordon, reboot pod, watch until the node and its agents are back or the timeout; always cleans up. */
    private boolean reboot(RebootPlan plan, RebootSettings settings, NodeProfile target, RebootTimeline timeline,
                           RebootMonitoring monitoring, Progress progress) {
        KubernetesClient kube = cluster.kube();
        String node = plan.node();
        boolean cordoned = false;
        NodeRebootWatcher watcher = null;
        try {
            if (settings.cordon() && !target.unschedulable()) {
                setUnschedulable(kube, node, true);
                cordoned = true;
                timeline.record(Milestone.NOTE, clock.instant(), "Cordoned " + node + " (nothing drained)");
            }
            Instant requested = clock.instant();
            watcher = new NodeRebootWatcher(kube, node, target.bootId(), requested, timeline, clock);
            watcher.start();
            RebootPod.create(kube, node);
            timeline.record(Milestone.REBOOT_REQUESTED, requested, "pod " + RebootNamespace.NAME + "/"
                    + RebootPod.name(node) + " runs: " + String.join(" ", RebootPod.COMMAND));
            Instant deadline = requested.plus(settings.timeout());
            progress.update("Waiting for " + node + " to reboot and return (up to " + settings.timeout().toMinutes()
                    + " min)", -1);
            boolean back = timeline.awaitMilestone(Milestone.AGENT_PODS_READY, deadline, clock,
                    progress::checkCancelled);
            if (!back) {
                timeline.record(Milestone.TIMED_OUT, clock.instant(), node + " did not come back within "
                        + settings.timeout().toMinutes() + " min (last seen: " + watcher.lastSeenState() + "). Check the "
                        + "node's power and console; the test cleaned up its pod" + (cordoned ? " and uncordoned it" : "")
                        + ".");
                return false;
            }
            new TargetsUpWait(monitoring, plan, clock).await(timeline, deadline, progress);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            if (watcher != null) {
                watcher.close();
            }
            cleanUp(kube, node, cordoned, timeline);
        }
    }

    private void cleanUp(KubernetesClient kube, String node, boolean cordoned, RebootTimeline timeline) {
        try {
            RebootPod.delete(kube, node);
        } catch (RuntimeException e) {
            timeline.record(Milestone.NOTE, clock.instant(), "Could not delete the reboot pod: " + e.getMessage()
                    + " — delete " + RebootNamespace.NAME + "/" + RebootPod.name(node) + " by hand");
        }
        if (cordoned) {
            try {
                setUnschedulable(kube, node, false);
                timeline.record(Milestone.NOTE, clock.instant(), "Uncordoned " + node);
            } catch (RuntimeException e) {
                timeline.record(Milestone.NOTE, clock.instant(), "Could not uncordon " + node + ": " + e.getMessage()
                        + " — run: kubectl uncordon " + node);
            }
        }
    }

    private void startSampling(ScheduledExecutorService scheduler, RebootLock lock, RebootMonitoring monitoring,
                               BufferHistory history, Consumer<BufferSnapshot> buffers, AlertWatch alerts) {
        scheduler.scheduleAtFixedRate(() -> guard("renew the reboot-test lock", () -> {
            lock.renew();
            return null;
        }),
                30, 30, TimeUnit.SECONDS);
        if (monitoring.vmagent() != null) {
            VmagentBufferProbe probe = new VmagentBufferProbe(monitoring.vmagent(), clock);
            scheduler.scheduleAtFixedRate(() -> guard("read vmagent's queue", () -> {
                BufferSnapshot snapshot = probe.read();
                history.add(snapshot);
                buffers.accept(snapshot);
                return snapshot;
            }), 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (alerts != null) {
            scheduler.scheduleAtFixedRate(() -> guard("read Alertmanager's alerts", alerts::poll),
                    0, Math.max(sampleEvery.toMillis(), 10_000), TimeUnit.MILLISECONDS);
        }
    }

    private RebootResult persist(RebootResult result) {
        RebootResultStore store = new RebootResultStore(dirs);
        Path report = store.reportPath(result);
        RebootResult withReport = result.withReportFile(report.toString());
        try {
            Files.writeString(report, RebootReportHtml.render(withReport));
        } catch (IOException e) {
            LOG.warn("Could not write the reboot report {}", report, e);
            withReport = result;
        }
        store.save(withReport);
        return withReport;
    }

    static void setUnschedulable(KubernetesClient kube, String node, boolean unschedulable) {
        kube.nodes().withName(node).edit(n -> new NodeBuilder(n).editOrNewSpec()
                .withUnschedulable(unschedulable ? Boolean.TRUE : null).endSpec().build());
    }

    private static String identity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return "homelab-console@" + host + "/" + ProcessHandle.current().pid();
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws Exception;
    }

    private static void guard(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.debug("Could not {}: {}", what, e.getMessage());
        }
    }
}
