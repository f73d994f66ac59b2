package dev.homelab.console.reboot.run;

import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.logs.LokiClient;
import dev.homelab.console.logs.LokiConnector;
import dev.homelab.console.logs.LokiException;

import java.util.Optional;
import dev.homelab.console.reboot.logs.LogLineCounts;
import dev.homelab.console.reboot.logs.LokiLineCounts;
import dev.homelab.console.verify.prom.PromApiClient;

/**
 * The monitoring services a reboot test talks to, each either open or absent with the reason (every claim that
 * needs an absent one becomes "could not verify, because …").
 */
public record RebootMonitoring(PromApiClient vmsingle, String vmsingleMissing,
                               PromApiClient vmagent, String vmagentMissing,
                               PromApiClient alertmanager, String alertmanagerMissing,
                               LogLineCounts loki, String lokiMissing) {

    public static RebootMonitoring open(ClusterSession session) {
        MonitoringEndpoints endpoints = new MonitoringEndpoints(session.kube(), session.services());
        PromApiClient vmsingle = null;
        PromApiClient vmagent = null;
        PromApiClient alertmanager = null;
        LogLineCounts loki = null;
        String vmsingleMissing = null;
        String vmagentMissing = null;
        String alertmanagerMissing = null;
        String lokiMissing = null;
        try {
            vmsingle = PromApiClient.of(endpoints.open(MonitoringEndpoints.Kind.VMSINGLE), true);
        } catch (ServiceUnreachableException e) {
            vmsingleMissing = endpoints.find(MonitoringEndpoints.Kind.VMSINGLE).isEmpty() ? notInstalled("VictoriaMetrics")
                    : "VictoriaMetrics could not be reached: " + e.getMessage();
        }
        try {
            vmagent = PromApiClient.of(endpoints.open(MonitoringEndpoints.Kind.VMAGENT), false);
        } catch (ServiceUnreachableException e) {
            vmagentMissing = endpoints.find(MonitoringEndpoints.Kind.VMAGENT).isEmpty() ? notInstalled("vmagent")
                    : "vmagent could not be reached: " + e.getMessage();
        }
        try {
            alertmanager = PromApiClient.of(endpoints.open(MonitoringEndpoints.Kind.ALERTMANAGER), false);
        } catch (ServiceUnreachableException e) {
            alertmanagerMissing = endpoints.find(MonitoringEndpoints.Kind.ALERTMANAGER).isEmpty() ? notInstalled("Alertmanager")
                    : "Alertmanager could not be reached: " + e.getMessage();
        }
        try {
            loki = new LokiLineCounts(new LokiClient(LokiConnector.connect(session, Optional.empty(), Optional.empty(),
                    dev.homelab.console.task.Progress.none()).connection(),
                    LokiClient.defaultHttpClient()));
        } catch (LokiException e) {
            lokiMissing = "Loki could not be reached: " + e.getMessage();
        }
        return new RebootMonitoring(vmsingle, vmsingleMissing, vmagent, vmagentMissing, alertmanager,
                alertmanagerMissing, loki, lokiMissing);
    }

    private static String notInstalled(String component) {
        return component + " is not installed (no Service of victoria-metrics-k8s-stack in any namespace): apply"
                + " Phase 2 first; to rehearse in the sandbox, start it with the scenario 'migrated'";
    }
}
