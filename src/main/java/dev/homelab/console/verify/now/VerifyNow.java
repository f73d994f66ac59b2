package dev.homelab.console.verify.now;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.LokiException;
import dev.homelab.console.reboot.run.MonitoringEndpoints;
import dev.homelab.console.reboot.run.RebootResultStore;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.vm.AlertmanagerClient;
import dev.homelab.console.verify.vm.NodeIdentity;
import dev.homelab.console.verify.vm.NodeScrapeCheck;
import dev.homelab.console.verify.vm.NotificationLog;
import dev.homelab.console.verify.vm.PushoverDeliveryCheck;
import dev.homelab.console.verify.vm.VmAgentClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plan's four checks, runnable at any time (page, {@code verify} command, nightly cron): {@code up} for every
 * node in VictoriaMetrics, recent {@code {namespace="kube-system"}} logs in Loki, a test alert that really reaches
 * Pushover (Alertmanager's own counters), and the last reboot test's result.
 */
public final class VerifyNow {

    public static final List<String> CHECK_IDS = List.of(NodeScrapeCheck.UP_ID, LokiKubeSystemCheck.ID,
            PushoverDeliveryCheck.ID, LastRebootTestCheck.ID);

    private final ClusterSession cluster;
    private final AppDirs dirs;
    private final Clock clock;
    private final Duration pushoverTimeout;

    public VerifyNow(ClusterSession cluster, AppDirs dirs, Clock clock, Duration pushoverTimeout) {
        this.cluster = cluster;
        this.dirs = dirs;
        this.clock = clock;
        this.pushoverTimeout = pushoverTimeout;
    }

    public List<CheckResult> run(Progress progress) throws InterruptedException {
        MonitoringEndpoints endpoints = new MonitoringEndpoints(cluster.kube(), cluster.services());
        List<CheckResult> results = new ArrayList<>();
        progress.update("Checking up for every node in VictoriaMetrics", 0.05);
        results.add(nodesUp(endpoints));
        progress.checkCancelled();
        progress.update("Checking {namespace=\"kube-system\"} in Loki", 0.25);
        results.add(kubeSystemLogs());
        progress.checkCancelled();
        progress.update("Sending a test alert through Alertmanager to Pushover", 0.4);
        results.add(pushover(endpoints, progress));
        progress.update("Reading the last reboot test", 0.95);
        // a result of another cluster (or of the sandbox, when this is a real cluster) proves nothing here
        String context = cluster.identity().contextName();
        results.add(LastRebootTestCheck.of(new RebootResultStore(dirs).last()
                .filter(result -> context.equals(result.clusterName())), clock));
        return results;
    }

    /** Red when any check failed (cron's exit 1). */
    public static boolean anyFailed(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED);
    }

    private CheckResult nodesUp(MonitoringEndpoints endpoints) {
        ServiceEndpoint vmsingle;
        try {
            vmsingle = endpoints.open(MonitoringEndpoints.Kind.VMSINGLE);
        } catch (ServiceUnreachableException e) {
            return CheckResult.unverified(NodeScrapeCheck.UP_ID, "up == 1 for every node in VictoriaMetrics",
                    "VictoriaMetrics could not be reached: " + e.getMessage(), List.of());
        }
        PromApiClient vm = PromApiClient.of(vmsingle, true);
        // the up check reads VictoriaMetrics only; vmagent's targets answer a different question
        VmAgentClient vmagent = new VmAgentClient(vmsingle.baseUri());
        List<NodeIdentity> nodes = cluster.kube().nodes().list().getItems().stream().map(NodeIdentity::of).toList();
        return new NodeScrapeCheck(vmagent, vm).run(nodes).stream()
                .filter(r -> r.id().equals(NodeScrapeCheck.UP_ID)).findFirst().orElseThrow();
    }

    private CheckResult kubeSystemLogs() {
        try {
            LokiClient loki = new LokiClient(LokiConnector.connect(cluster, Optional.empty(), Optional.empty(),
                    dev.homelab.console.task.Progress.none()).connection(),
                    LokiClient.defaultHttpClient());
            return new LokiKubeSystemCheck(loki, clock).run();
        } catch (LokiException e) {
            return CheckResult.unverified(LokiKubeSystemCheck.ID, LokiKubeSystemCheck.TITLE,
                    "Loki could not be reached: " + e.getMessage(), List.of());
        }
    }

    private CheckResult pushover(MonitoringEndpoints endpoints, Progress progress) throws InterruptedException {
        ServiceEndpoint alertmanager;
        try {
            alertmanager = endpoints.open(MonitoringEndpoints.Kind.ALERTMANAGER);
        } catch (ServiceUnreachableException e) {
            return CheckResult.unverified(PushoverDeliveryCheck.ID, PushoverDeliveryCheck.TITLE,
                    "Alertmanager could not be reached: " + e.getMessage(), List.of());
        }
        return new PushoverDeliveryCheck(new AlertmanagerClient(alertmanager.baseUri()), NotificationLog.unavailable(),
                text -> text, clock, pushoverTimeout, Duration.ofSeconds(2)).run(progress);
    }
}
