package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.util.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's Alertmanager (VMAlertmanager, API v2 on port 9093) with its configuration taken from the installed
 * release's {@code alertmanager.config}. Posted alerts are routed (top-level matchers like {@code alertname="X"});
 * a Pushover receiver notifies after {@code notifyDelay} (the sandbox's short group_wait). The sandbox has no
 * internet, so Pushover is simulated: by default it accepts every message (kept in {@link #delivered()}); with the
 * scenario fault {@value VmLab#PUSHOVER_UNREACHABLE_FAULT} every request fails and is retried, counted exactly as
 * Alertmanager counts it ({@code alertmanager_notification_requests_failed_total}).
 */
public final class SimulatedAlertmanager implements SimulatedService {

    /** A message the simulated Pushover accepted. */
    public record PushoverMessage(Instant at, String receiver, String title, String priority) {
    }

    private static final Pattern FILTER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    static final Duration RETRY = Duration.ofSeconds(5);

    private final VmLab lab;
    private final Duration notifyDelay;
    private final Map<String, HeldAlert> alerts = new LinkedHashMap<>();
    private final List<PushoverMessage> delivered = new CopyOnWriteArrayList<>();
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong requestsFailed = new AtomicLong();

    private record HeldAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                             Instant endsAt, String receiver) {
    }

    public SimulatedAlertmanager(SandboxWorld world) {
        this(world, Duration.ofSeconds(2));
    }

    public SimulatedAlertmanager(SandboxWorld world, Duration notifyDelay) {
        this.lab = VmLab.of(world);
        this.notifyDelay = notifyDelay;
    }

    public List<PushoverMessage> delivered() {
        return List.copyOf(delivered);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        return switch (request.getMethod() + " " + path) {
            case "POST /api/v2/alerts" -> post(request);
            case "GET /api/v2/alerts" -> SimHttp.json(200, list(request.getUrl().queryParameter("filter")));
            case "GET /api/v2/status" -> SimHttp.json(200, status());
            case "GET /api/v2/receivers" -> SimHttp.json(200, receivers().keySet().stream()
                    .map(name -> Map.of("name", name)).toList());
            case "GET /metrics" -> SimHttp.text(200, metrics());
            case "GET /-/healthy", "GET /-/ready" -> SimHttp.text(200, "OK");
            default -> SimHttp.notFound(request);
        };
    }

    private MockResponse post(RecordedRequest request) {
        JsonNode body = SimHttp.JSON.readTree(request.getBody() == null ? "[]" : request.getBody().utf8());
        Instant now = lab.model().now();
        for (JsonNode alert : body) {
            Map<String, String> labels = strings(alert.path("labels"));
            if (!labels.containsKey("alertname")) {
                return SimHttp.json(400, Map.of("code", 400, "message", "invalid label set: missing alertname"));
            }
            Instant starts = alert.hasNonNull("startsAt") ? Instant.parse(alert.get("startsAt").asString()) : now;
            Instant ends = alert.hasNonNull("endsAt") ? Instant.parse(alert.get("endsAt").asString())
                    : now.plus(Duration.ofMinutes(5));
            String key = labels.toString();
            boolean isNew = !alerts.containsKey(key) || !alerts.get(key).endsAt().isAfter(now);
            HeldAlert held = new HeldAlert(labels, strings(alert.path("annotations")), starts, ends, route(labels));
            alerts.put(key, held);
            if (isNew && ends.isAfter(now)) {
                lab.world().scheduler().schedule(() -> notify(key), notifyDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new MockResponse.Builder().code(200).build();
    }

    private synchronized void notify(String key) {
        HeldAlert alert = alerts.get(key);
        if (alert == null || !alert.endsAt().isAfter(lab.model().now())) {
            return;
        }
        Map<String, Object> receiver = receivers().get(alert.receiver());
        if (receiver == null || !(receiver.get("pushover_configs") instanceof List<?> configs) || configs.isEmpty()) {
            return;
        }
        notifications.incrementAndGet();
        attempt(key, alert, configs.get(0));
    }

    private synchronized void attempt(String key, HeldAlert alert, Object config) {
        if (alerts.get(key) != alert || !alert.endsAt().isAfter(lab.model().now())) {
            return;
        }
        requests.incrementAndGet();
        if (lab.world().hasFault(VmLab.PUSHOVER_UNREACHABLE_FAULT)) {
            requestsFailed.incrementAndGet();
            lab.world().scheduler().schedule(() -> attempt(key, alert, config), RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        Object configured = config instanceof Map<?, ?> m ? m.get("priority") : null;
        String priority = configured == null ? "2" : configured.toString();
        delivered.add(new PushoverMessage(lab.model().now(), alert.receiver(), "[FIRING:1] "
                + alert.labels().get("alertname"), priority));
    }

    private List<Map<String, Object>> list(String filter) {
        Map<String, String> wanted = new LinkedHashMap<>();
        if (filter != null) {
            Matcher m = FILTER.matcher(filter);
            while (m.find()) {
                wanted.put(m.group(1), m.group(2));
            }
        }
        Instant now = lab.model().now();
        List<Map<String, Object>> result = new ArrayList<>();
        for (HeldAlert alert : alerts.values()) {
            if (!alert.endsAt().isAfter(now) || !wanted.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(alert.labels().get(e.getKey())))) {
                continue;
            }
            result.add(Map.of("labels", alert.labels(), "annotations", alert.annotations(),
                    "startsAt", alert.startsAt().toString(), "endsAt", alert.endsAt().toString(),
                    "updatedAt", now.toString(), "fingerprint", Integer.toHexString(alert.labels().hashCode()),
                    "receivers", List.of(Map.of("name", alert.receiver())),
                    "status", Map.of("state", "active", "silencedBy", List.of(), "inhibitedBy", List.of())));
        }
        return result;
    }

    private Map<String, Object> status() {
        Object config = lab.value("alertmanager.config").orElse(Map.of("route", Map.of("receiver", "blackhole"),
                "receivers", List.of(Map.of("name", "blackhole"))));
        return Map.of("cluster", Map.of("name", "01SANDBOX", "status", "ready", "peers", List.of()),
                "config", Map.of("original", Json.YAML.writeValueAsString(config)),
                "uptime", lab.model().now().minusSeconds(600).toString(),
                "versionInfo", Map.of("version", "0.32.1", "revision", "sandbox", "branch", "HEAD",
                        "buildUser", "sandbox", "buildDate", "20260101-00:00:00", "goVersion", "go1.25.0"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> receivers() {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        Object list = lab.value("alertmanager.config.receivers").orElse(List.of(Map.of("name", "blackhole")));
        for (Object receiver : (List<?>) list) {
            if (receiver instanceof Map<?, ?> r) {
                byName.put(String.valueOf(r.get("name")), (Map<String, Object>) r);
            }
        }
        return byName;
    }

    /** First matching child route (matchers like {@code alertname="Watchdog"}), else the root receiver. */
    private String route(Map<String, String> labels) {
        Object routes = lab.value("alertmanager.config.route.routes").orElse(List.of());
        for (Object route : (List<?>) routes) {
            if (!(route instanceof Map<?, ?> r) || !(r.get("matchers") instanceof List<?> matchers)) {
                continue;
            }
            boolean all = matchers.stream().allMatch(m -> {
                Matcher matcher = FILTER.matcher(String.valueOf(m));
                return matcher.matches() && matcher.group(2).equals(labels.get(matcher.group(1)));
            });
            if (all) {
                return String.valueOf(r.get("receiver"));
            }
        }
        return String.valueOf(lab.value("alertmanager.config.route.receiver").orElse("blackhole"));
    }

    private String metrics() {
        StringBuilder text = new StringBuilder();
        for (String integration : List.of("pushover", "webhook", "email")) {
            boolean pushover = integration.equals("pushover");
            text.append("alertmanager_notifications_total{integration=\"").append(integration).append("\"} ")
                    .append(pushover ? notifications.get() : 0).append('\n');
            text.append("alertmanager_notification_requests_total{integration=\"").append(integration).append("\"} ")
                    .append(pushover ? requests.get() : 0).append('\n');
            text.append("alertmanager_notification_requests_failed_total{integration=\"").append(integration)
                    .append("\"} ").append(pushover ? requestsFailed.get() : 0).append('\n');
            text.append("alertmanager_notifications_failed_total{integration=\"").append(integration)
                    .append("\",reason=\"other\"} 0\n");
        }
        text.append("alertmanager_alerts{state=\"active\"} ").append(alerts.size()).append('\n');
        return text.toString();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString("")));
        return map;
    }
}
