package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.usage.UsageProfile;
import dev.homelab.console.sandbox.usage.UsageProfiles;
import io.fabric8.kubernetes.api.model.Pod;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cAdvisor usage history kube-prometheus-stack's Prometheus holds before the migration, so that the console can
 * read a "before" window it did not sample itself (a freshly started sandbox has no local history). Series are
 * derived from the pods running now with their usage profiles, steady with a slow deterministic wave, labelled by
 * {@code node} like the kubelet job's: root-cgroup series per node and per-container series per pod.
 */
final class UsageHistory {

    private static final Pattern NODE_QUERY = Pattern.compile(
            "^max by \\((\\w+)\\) \\((rate\\()?container_(memory_working_set_bytes|cpu_usage_seconds_total)\\{id=\"/\"\\}");
    private static final Pattern POD_QUERY = Pattern.compile(
            "^sum by \\(namespace, pod, (\\w+)\\) \\((rate\\()?container_(memory_working_set_bytes|cpu_usage_seconds_total)"
                    + "\\{container!=\"\",container!=\"POD\"\\}");
    private static final long SYSTEM_MEMORY = 420L << 20;
    private static final double SYSTEM_CPU = 0.08;

    private final SandboxWorld world;

    UsageHistory(SandboxWorld world) {
        this.world = world;
    }

    /** Answers series look-ups and range queries about container usage; null for anything else. */
    MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath().replaceFirst("^/prometheus", "");
        if (path.equals("/api/v1/series")) {
            List<String> matches = SimHttp.params(request, "match[]");
            if (matches.stream().noneMatch(m -> m.startsWith("container_memory_working_set_bytes"))) {
                return null;
            }
            List<Object> data = new ArrayList<>();
            for (String match : matches) {
                boolean perPod = match.contains("container!=");
                for (Pod pod : runningPods()) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    labels.put("__name__", "container_memory_working_set_bytes");
                    labels.put("node", pod.getSpec().getNodeName());
                    if (perPod) {
                        labels.put("namespace", pod.getMetadata().getNamespace());
                        labels.put("pod", pod.getMetadata().getName());
                    } else {
                        labels.put("id", "/");
                    }
                    if (!data.contains(labels)) {
                        data.add(labels);
                    }
                }
            }
            return SimHttp.json(200, Map.of("status", "success", "data", data));
        }
        if (!path.equals("/api/v1/query_range")) {
            return null;
        }
        String query = SimHttp.param(request, "query", "");
        Matcher node = NODE_QUERY.matcher(query);
        Matcher pod = POD_QUERY.matcher(query);
        if (!node.find() && !pod.find()) {
            return null;
        }
        boolean perPod = pod.find(0);
        Matcher match = perPod ? pod : node;
        String label = match.group(1);
        boolean cpu = match.group(3).startsWith("cpu");
        Instant now = world.clock().instant();
        Instant start = PromApiSimulation.time(SimHttp.param(request, "start", null), now.minus(Duration.ofHours(1)));
        Instant end = PromApiSimulation.time(SimHttp.param(request, "end", null), now);
        Duration step = PromApiSimulation.duration(SimHttp.param(request, "step", "30s"));
        Map<Map<String, String>, Double> levels = perPod ? podLevels(label, cpu) : nodeLevels(label, cpu);
        List<Object> result = new ArrayList<>();
        levels.forEach((labels, level) -> {
            List<Object> values = new ArrayList<>();
            for (Instant t = start; !t.isAfter(end); t = t.plus(step)) {
                double wave = 1 + 0.03 * Math.sin(t.getEpochSecond() / 600.0 + labels.hashCode() % 7);
                values.add(List.of(t.getEpochSecond(), Double.toString(level * wave)));
            }
            result.add(Map.of("metric", labels, "values", values));
        });
        return SimHttp.json(200, Map.of("status", "success", "data", Map.of("resultType", "matrix",
                "result", result)));
    }

    private Map<Map<String, String>, Double> nodeLevels(String label, boolean cpu) {
        Map<String, Double> perNode = new TreeMap<>();
        world.kube().nodes().list().getItems().forEach(n -> perNode.put(n.getMetadata().getName(),
                cpu ? SYSTEM_CPU : (double) SYSTEM_MEMORY));
        for (Pod pod : runningPods()) {
            perNode.merge(pod.getSpec().getNodeName(), usage(pod, cpu), Double::sum);
        }
        Map<Map<String, String>, Double> levels = new LinkedHashMap<>();
        perNode.forEach((node, value) -> levels.put(Map.of(label, node), value));
        return levels;
    }

    private Map<Map<String, String>, Double> podLevels(String label, boolean cpu) {
        Map<Map<String, String>, Double> levels = new LinkedHashMap<>();
        for (Pod pod : runningPods()) {
            levels.put(Map.of("namespace", pod.getMetadata().getNamespace(), "pod", pod.getMetadata().getName(),
                    label, pod.getSpec().getNodeName()), usage(pod, cpu));
        }
        return levels;
    }

    private static double usage(Pod pod, boolean cpu) {
        String key = pod.getMetadata().getAnnotations() == null ? null
                : pod.getMetadata().getAnnotations().get(PodFactory.PROFILE_ANNOTATION);
        UsageProfile profile = UsageProfiles.of(key);
        return cpu ? profile.cpuMillis() / 1000.0 : (double) (profile.memoryMiB() << 20);
    }

    private List<Pod> runningPods() {
        return world.kube().pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> p.getSpec().getNodeName() != null && PodFactory.isReady(p)).toList();
    }
}
