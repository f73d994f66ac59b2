package dev.homelab.console.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node as the overview shows it. {@code roles} come from {@code node-role.kubernetes.io/<role>} labels
 * (a k3s server carries control-plane and master; agents carry none). CPU in millicores, memory in bytes.
 */
public record NodeSummary(String name, List<String> roles, String architecture, String osImage,
                          String kubeletVersion, @JsonProperty("ready") Readiness ready, String readyReason,
                          String readyMessage,
                          long cpuAllocatableMillis, long memoryAllocatableBytes, Instant created, String bootId,
                          boolean unschedulable, String internalIp) {

    public enum Readiness { READY, NOT_READY, UNKNOWN }

    public NodeSummary {
        roles = List.copyOf(roles);
    }

    @JsonIgnore
    public boolean isReady() {
        return ready == Readiness.READY;
    }

    public boolean isControlPlane() {
        return roles.contains("control-plane") || roles.contains("master");
    }

    public Duration age(Instant now) {
        return created == null ? Duration.ZERO : Duration.between(created, now);
    }

    public static NodeSummary of(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        List<String> roles = new ArrayList<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (label.getKey().startsWith("node-role.kubernetes.io/")) {
                String role = label.getKey().substring("node-role.kubernetes.io/".length());
                roles.add(role.isEmpty() ? label.getValue() : role);
            } else if (label.getKey().equals("kubernetes.io/role")) {
                roles.add(label.getValue());
            }
        }
        roles = roles.stream().filter(r -> r != null && !r.isBlank()).distinct().sorted().toList();
        var status = node.getStatus();
        var info = status == null ? null : status.getNodeInfo();
        String arch = info != null && info.getArchitecture() != null ? info.getArchitecture()
                : labels.getOrDefault("kubernetes.io/arch", "unknown");
        Readiness ready = Readiness.UNKNOWN;
        String reason = "no Ready condition reported";
        String message = "";
        if (status != null && status.getConditions() != null) {
            for (NodeCondition condition : status.getConditions()) {
                if ("Ready".equals(condition.getType())) {
                    ready = switch (String.valueOf(condition.getStatus())) {
                        case "True" -> Readiness.READY;
                        case "False" -> Readiness.NOT_READY;
                        default -> Readiness.UNKNOWN;
                    };
                    reason = condition.getReason() == null ? "" : condition.getReason();
                    message = condition.getMessage() == null ? "" : condition.getMessage();
                }
            }
        }
        Map<String, Quantity> allocatable = status == null || status.getAllocatable() == null
                ? Map.of() : status.getAllocatable();
        String internalIp = "";
        if (status != null && status.getAddresses() != null) {
            internalIp = status.getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                    .map(a -> a.getAddress()).findFirst().orElse("");
        }
        String created = node.getMetadata().getCreationTimestamp();
        return new NodeSummary(node.getMetadata().getName(), roles, arch,
                info == null ? "" : nullToEmpty(info.getOsImage()),
                info == null ? "" : nullToEmpty(info.getKubeletVersion()), ready, reason, message,
                millicores(allocatable.get("cpu")), bytes(allocatable.get("memory")),
                created == null ? null : Instant.parse(created),
                info == null ? "" : nullToEmpty(info.getBootID()),
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()), internalIp);
    }

    /** A CPU quantity ("4", "3500m", "250000000n") in millicores; 0 when absent. */
    public static long millicores(Quantity quantity) {
        return quantity == null ? 0 : quantity.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).longValue();
    }

    /** A memory quantity ("8Gi", "7901912Ki") in bytes; 0 when absent. */
    public static long bytes(Quantity quantity) {
        return quantity == null ? 0 : quantity.getNumericalAmount().longValue();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
