package dev.homelab.console.sandbox.scenario;

import java.util.Arrays;
import java.util.Optional;

/** The fault types a scenario file may name, with the fields each one takes. */
public enum FaultType {
    NODE_NOT_READY("node-not-ready", "node"),
    NO_METRICS_SERVER("no-metrics-server"),
    RBAC_DENIED("rbac-denied", "verb", "resource", "group", "namespace"),
    MISSING_BUCKET("missing-bucket", "bucket"),
    VMAGENT_BUFFER_EMPTYDIR("vmagent-buffer-emptydir"),
    LOKI_DOWN("loki-down"),
    SLOW_NODE_REBOOT("slow-node-reboot", "downFor"),
    NODE_NEVER_RETURNS("node-never-returns", "node");

    private final String key;
    private final String[] fields;

    FaultType(String key, String... fields) {
        this.key = key;
        this.fields = fields;
    }

    public String key() {
        return key;
    }

    public String[] fields() {
        return fields.clone();
    }

    public static Optional<FaultType> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
