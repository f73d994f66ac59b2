package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.verify.vm.RuleInventory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vmalert (port 8080): {@code /api/v1/rules} lists a group per group of every VMRule in the cluster (converted
 * PrometheusRules and the sync-job's defaults) from the operator's rule files
 * ({@code /etc/vmalert/config/vm-<name>-rulefiles-0/<namespace>-<vmrule>.yaml}), all healthy;
 * {@code /api/v1/alerts} shows each Watchdog firing.
 */
public final class SimulatedVmAlert implements SimulatedService {

    private final VmLab lab;

    public SimulatedVmAlert(SandboxWorld world) {
        this.lab = VmLab.of(world);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return dispatch(request, request.getUrl().encodedPath());
    }

    MockResponse dispatch(RecordedRequest request, String path) {
        return switch (path) {
            case "/api/v1/rules" -> SimHttp.json(200, Map.of("status", "success", "data",
                    Map.of("groups", groups())));
            case "/api/v1/alerts" -> SimHttp.json(200, Map.of("status", "success", "data",
                    Map.of("alerts", alerts())));
            case "/health", "/ready" -> SimHttp.text(200, "OK");
            default -> SimHttp.notFound(request);
        };
    }

    private List<Map<String, Object>> groups() {
        lab.operator().sync();
        String fullname = lab.release().map(r -> r.name()).orElse("vmks");
        String evaluated = lab.model().now().toString();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (GenericKubernetesResource vmRule : SimulatedOperatorConverter.list(lab.world().kube(),
                RuleInventory.VM_RULES)) {
            String file = "/etc/vmalert/config/vm-" + fullname + "-rulefiles-0/"
                    + vmRule.getMetadata().getNamespace() + "-" + vmRule.getMetadata().getName() + ".yaml";
            Object spec = vmRule.getAdditionalProperties().get("spec");
            Object specGroups = spec instanceof Map<?, ?> m ? m.get("groups") : null;
            if (!(specGroups instanceof List<?> list)) {
                continue;
            }
            for (Object g : list) {
                if (!(g instanceof Map<?, ?> group)) {
                    continue;
                }
                String name = String.valueOf(group.get("name"));
                List<Map<String, Object>> rules = new ArrayList<>();
                Object specRules = group.get("rules");
                for (Object r : specRules instanceof List<?> rl ? rl : List.of()) {
                    if (r instanceof Map<?, ?> rule) {
                        boolean alerting = rule.containsKey("alert");
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("name", String.valueOf(alerting ? rule.get("alert") : rule.get("record")));
                        entry.put("type", alerting ? "alerting" : "recording");
                        entry.put("query", String.valueOf(rule.get("expr")));
                        entry.put("health", "ok");
                        entry.put("lastError", "");
                        entry.put("state", alerting && "Watchdog".equals(rule.get("alert")) ? "firing" : "inactive");
                        entry.put("lastEvaluation", evaluated);
                        rules.add(entry);
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", name);
                entry.put("file", file);
                entry.put("interval", 20);
                entry.put("lastEvaluation", evaluated);
                entry.put("type", "prometheus");
                entry.put("rules", rules);
                groups.add(entry);
            }
        }
        return groups;
    }

    private List<Map<String, Object>> alerts() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups()) {
            for (Object r : (List<?>) group.get("rules")) {
                Map<?, ?> rule = (Map<?, ?>) r;
                if ("firing".equals(rule.get("state"))) {
                    alerts.add(Map.of("name", rule.get("name"), "state", "firing", "value", "1",
                            "labels", Map.of("alertname", rule.get("name"), "severity", "none"),
                            "activeAt", lab.model().now().minusSeconds(60).toString(),
                            "group_id", String.valueOf(group.get("file").hashCode())));
                }
            }
        }
        return alerts;
    }
}
