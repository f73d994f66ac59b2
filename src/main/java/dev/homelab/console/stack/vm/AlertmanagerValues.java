package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile.Resources;

import java.util.List;
import java.util.Map;

/**
 * {@code alertmanager:} — notifications to Pushover with the token and user key read from files of a mounted
 * Kubernetes Secret (domain brief §1.1 option A): {@code spec.secrets: [<secret>]} mounts it at
 * {@code /etc/vm/secrets/<secret>/}, and {@code token_file}/{@code user_key_file} point there. No secret value is
 * ever part of the values; the chart renders {@code config} into its own Secret.
 *
 * <p>Pushover's default priority is 2 (emergency: repeats every minute until acknowledged) while firing, so priority
 * is explicit: {@code 1} (high) for {@code severity="critical"}, {@code 0} (normal) for everything else — as two
 * receivers, with no Go templates that Helm's {@code tpl} could mangle. The always-firing Watchdog and InfoInhibitor
 * go to a receiver that notifies nobody.
 */
public record AlertmanagerValues(String secretName, String externalUrl, Resources resources,
                                 Resources configReloader) {

    public static final String RECEIVER = "pushover";
    public static final String CRITICAL_RECEIVER = "pushover-critical";
    public static final String NULL_RECEIVER = "blackhole";

    /** Where the operator mounts the Secret's keys. */
    public String secretFile(String key) {
        return "/etc/vm/secrets/" + secretName + "/" + key;
    }

    public Map<String, Object> toValues() {
        return OrderedMap.of(
                "enabled", true,
                "spec", OrderedMap.of(
                        "secrets", List.of(secretName),
                        "externalURL", externalUrl,
                        "resources", resources.toValues(),
                        "configReloaderResources", configReloader.toValues()),
                "config", config());
    }

    /** Alertmanager's own configuration (the chart stores it in a Secret and points spec.configSecret at it). */
    public Map<String, Object> config() {
        List<Object> routes = List.of(
                OrderedMap.of("matchers", List.of("alertname=\"Watchdog\""), "receiver", NULL_RECEIVER),
                OrderedMap.of("matchers", List.of("alertname=\"InfoInhibitor\""), "receiver", NULL_RECEIVER),
                OrderedMap.of("matchers", List.of("severity=\"critical\""), "receiver", CRITICAL_RECEIVER));
        Map<String, Object> route = OrderedMap.of(
                "receiver", RECEIVER,
                "group_by", List.of("alertname", "namespace"),
                "group_wait", "30s",
                "group_interval", "5m",
                "repeat_interval", "12h",
                "routes", routes);
        List<Object> receivers = List.of(
                OrderedMap.of("name", NULL_RECEIVER),
                OrderedMap.of("name", RECEIVER, "pushover_configs", List.of(pushover("0"))),
                OrderedMap.of("name", CRITICAL_RECEIVER, "pushover_configs", List.of(pushover("1"))));
        return OrderedMap.of("route", route, "receivers", receivers);
    }

    private Map<String, Object> pushover(String priority) {
        return OrderedMap.of(
                "token_file", secretFile("token"),
                "user_key_file", secretFile("user_key"),
                "priority", priority,
                "send_resolved", true);
    }
}
