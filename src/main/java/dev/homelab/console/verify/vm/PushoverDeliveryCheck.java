package dev.homelab.console.verify.vm;

import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * "A test alert really reaches Pushover": posts a uniquely named alert to Alertmanager and watches Alertmanager's own
 * counters for the pushover integration. PASSED only when a notification request succeeded and none failed; FAILED
 * with Alertmanager's error text when a request failed (no internet, bad token...) or when the alert is not routed to
 * a Pushover receiver; UNVERIFIED when nothing happened within the time limit. Never green on silence.
 */
public final class PushoverDeliveryCheck {

    public static final String ID = "pushover-delivery";
    public static final String TITLE = "A test alert reaches Pushover through Alertmanager";
    public static final String ALERT_NAME = "HomelabConsolePushoverTest";
    static final String INTEGRATION = "pushover";
    private static final java.util.regex.Pattern QUERY_STRING = java.util.regex.Pattern.compile("\\?[^\\s\"']*");

    private final AlertmanagerClient alertmanager;
    private final NotificationLog log;
    private final UnaryOperator<String> mask;
    private final Clock clock;
    private final Duration timeout;
    private final Duration pollInterval;

    /**
     * @param timeout must cover the route's {@code group_wait} (30 s in our values) plus the request itself
     * @param mask    masks known secrets in error texts before they are shown
     */
    public PushoverDeliveryCheck(AlertmanagerClient alertmanager, NotificationLog log, UnaryOperator<String> mask,
                                 Clock clock, Duration timeout, Duration pollInterval) {
        this.alertmanager = alertmanager;
        this.log = log;
        this.mask = mask;
        this.clock = clock;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
    }

    public CheckResult run(Progress progress) throws InterruptedException {
        return run(UUID.randomUUID().toString().substring(0, 8), progress);
    }

    /** @param run the value of the test alert's {@code test_run} label, to find (and resolve) this very alert */
    public CheckResult run(String run, Progress progress) throws InterruptedException {
        List<Evidence> evidence = new ArrayList<>();
        AlertmanagerClient.Status status;
        NotificationCounters before;
        try {
            status = alertmanager.status();
            before = NotificationCounters.of(alertmanager.metrics(), INTEGRATION);
        } catch (ServiceCallException e) {
            return CheckResult.unverified(ID, TITLE, "Alertmanager could not be asked: " + e.getMessage(), evidence);
        }
        evidence.add(new Evidence("Alertmanager /api/v2/status", "version " + status.version() + ", cluster "
                + status.clusterStatus()));
        Set<String> pushoverReceivers = pushoverReceivers(status.originalConfig());
        if (pushoverReceivers.isEmpty()) {
            return CheckResult.failed(ID, TITLE, "Alertmanager's loaded configuration has no receiver with"
                    + " pushover_configs; the stack's values (alertmanager.config) did not reach it", evidence);
        }
        evidence.add(new Evidence("Alertmanager configuration", "Pushover receivers: " + pushoverReceivers));
        evidence.add(new Evidence("Alertmanager /metrics before", before.describe()));

        Instant started = clock.instant();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", ALERT_NAME);
        labels.put("severity", "info");
        labels.put("test_run", run);
        try {
            alertmanager.post(new AlertmanagerClient.PostedAlert(labels, Map.of(
                    "summary", "Test alert from Homelab Console (run " + run + ")",
                    "description", "If this reached your phone, alerting through Pushover works."),
                    started, started.plus(Duration.ofMinutes(5))));
        } catch (ServiceCallException e) {
            return CheckResult.failed(ID, TITLE, "Alertmanager refused the test alert: " + e.getMessage(), evidence);
        }
        evidence.add(new Evidence("Alertmanager POST /api/v2/alerts", ALERT_NAME + "{test_run=\"" + run
                + "\"} posted at " + started));

        Instant deadline = started.plus(timeout);
        NotificationCounters delta = new NotificationCounters(0, 0, 0, 0);
        while (clock.instant().isBefore(deadline)) {
            progress.checkCancelled();
            long waited = Duration.between(started, clock.instant()).toSeconds();
            progress.update("Waiting for Alertmanager to notify Pushover (" + waited + " s of " + timeout.toSeconds()
                    + " s; the route waits group_wait first)", (double) waited / timeout.toSeconds());
            Thread.sleep(pollInterval.toMillis());
            try {
                delta = NotificationCounters.of(alertmanager.metrics(), INTEGRATION).minus(before);
            } catch (ServiceCallException e) {
                return CheckResult.unverified(ID, TITLE, "Alertmanager stopped answering while the test alert was"
                        + " pending: " + e.getMessage(), evidence);
            }
            if (delta.anyFailure()) {
                evidence.add(new Evidence("Alertmanager /metrics change", delta.describe()));
                List<String> errors = log.errorsFor(INTEGRATION, started).stream()
                        .map(PushoverDeliveryCheck::withoutQueryStrings).map(mask).toList();
                errors.forEach(e -> evidence.add(new Evidence("Alertmanager log", e)));
                return CheckResult.failed(ID, TITLE, "Alertmanager tried to notify Pushover and failed ("
                        + (long) delta.requestsFailed() + " failed request(s)): " + (errors.isEmpty()
                        ? "the error text is in Alertmanager's log, which could not be read"
                        : errors.get(errors.size() - 1)), evidence);
            }
            if (delta.notifications() >= 1 && delta.successfulRequests() >= 1) {
                evidence.add(new Evidence("Alertmanager /metrics change", delta.describe()));
                return CheckResult.passed(ID, TITLE, "Pushover accepted the notification for " + ALERT_NAME + " after "
                        + Duration.between(started, clock.instant()).toSeconds() + " s (" + (long)
                        delta.successfulRequests() + " successful request(s), no failures)", evidence);
            }
        }
        evidence.add(new Evidence("Alertmanager /metrics change", delta.describe()));
        return silent(pushoverReceivers, evidence);
    }

    private CheckResult silent(Set<String> pushoverReceivers, List<Evidence> evidence) {
        try {
            List<AlertmanagerClient.HeldAlert> held = alertmanager.alerts(ALERT_NAME);
            if (held.isEmpty()) {
                return CheckResult.failed(ID, TITLE, "Alertmanager does not hold the test alert any more and sent"
                        + " nothing to Pushover within " + timeout.toSeconds() + " s", evidence);
            }
            Set<String> receivers = new LinkedHashSet<>();
            held.forEach(a -> receivers.addAll(a.receivers()));
            evidence.add(new Evidence("Alertmanager /api/v2/alerts", ALERT_NAME + " → receivers " + receivers
                    + ", state " + held.get(0).state()));
            if (receivers.stream().noneMatch(pushoverReceivers::contains)) {
                return CheckResult.failed(ID, TITLE, "The test alert is routed to " + receivers + ", not to a Pushover"
                        + " receiver " + pushoverReceivers + "; fix the route in alertmanager.config", evidence);
            }
        } catch (ServiceCallException e) {
            evidence.add(new Evidence("Alertmanager /api/v2/alerts", e.getMessage()));
        }
        return CheckResult.unverified(ID, TITLE, "Alertmanager made no notification attempt to Pushover within "
                + timeout.toSeconds() + " s (group_wait and group_interval delay the first notification); run the"
                + " check again", evidence);
    }

    /**
     * Go's errors quote the request URL, and older Alertmanagers (0.25) send Pushover's token and user key in its
     * query string: drop every query string, whether or not the console knows the secrets to mask.
     */
    static String withoutQueryStrings(String text) {
        return QUERY_STRING.matcher(text).replaceAll("?…");
    }

    /** Names of receivers that have pushover_configs in Alertmanager's loaded configuration. */
    @SuppressWarnings("unchecked")
    static Set<String> pushoverReceivers(String originalConfig) {
        Set<String> names = new LinkedHashSet<>();
        if (originalConfig == null || originalConfig.isBlank()) {
            return names;
        }
        Map<String, Object> config = Json.YAML.readValue(originalConfig, Map.class);
        if (config.get("receivers") instanceof List<?> receivers) {
            for (Object receiver : receivers) {
                if (receiver instanceof Map<?, ?> r && r.get("pushover_configs") instanceof List<?> configs
                        && !configs.isEmpty()) {
                    names.add(String.valueOf(r.get("name")));
                }
            }
        }
        return names;
    }
}
