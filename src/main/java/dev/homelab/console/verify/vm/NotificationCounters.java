package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.prom.MetricsText;

/**
 * Alertmanager's counters for one integration. {@code notifications} counts each notification when it starts (so it
 * rises even for attempts that fail); {@code requests}/{@code requestsFailed} count every HTTP attempt and its failure
 * at once; {@code notificationsFailed} rises only when the retry loop gives up. Success needs a request that did
 * not fail.
 */
public record NotificationCounters(double notifications, double notificationsFailed, double requests,
                                   double requestsFailed) {

    public static NotificationCounters of(MetricsText metrics, String integration) {
        return new NotificationCounters(
                sum(metrics, "alertmanager_notifications_total", integration),
                sum(metrics, "alertmanager_notifications_failed_total", integration),
                sum(metrics, "alertmanager_notification_requests_total", integration),
                sum(metrics, "alertmanager_notification_requests_failed_total", integration));
    }

    private static double sum(MetricsText metrics, String name, String integration) {
        double value = metrics.sum(name, labels -> integration.equals(labels.get("integration")));
        return Double.isNaN(value) ? 0 : value;
    }

    public NotificationCounters minus(NotificationCounters before) {
        return new NotificationCounters(notifications - before.notifications,
                notificationsFailed - before.notificationsFailed, requests - before.requests,
                requestsFailed - before.requestsFailed);
    }

    public boolean anyFailure() {
        return notificationsFailed > 0 || requestsFailed > 0;
    }

    public double successfulRequests() {
        return requests - requestsFailed;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "notifications %.0f, notifications failed %.0f, requests %.0f,"
                + " requests failed %.0f", notifications, notificationsFailed, requests, requestsFailed);
    }
}
