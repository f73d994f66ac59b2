package dev.homelab.console.telemetry;

/**
 * What a monitoring pod is. {@link Side} says whether the migration removes it (BEFORE), adds it (AFTER), keeps it,
 * or whether that depends on the Helm release that deployed it (node-exporter and kube-state-metrics come with
 * either stack).
 */
public enum ComponentKind {
    PROMETHEUS("prometheus", "Prometheus", Side.BEFORE),
    PROMETHEUS_ALERTMANAGER("alertmanager", "Alertmanager (Prometheus)", Side.BEFORE),
    PROMETHEUS_OPERATOR("prometheus-operator", "Prometheus operator", Side.BEFORE),
    ALLOY("alloy", "Alloy", Side.BEFORE),
    NODE_EXPORTER("node-exporter", "node-exporter", Side.BY_RELEASE),
    KUBE_STATE_METRICS("kube-state-metrics", "kube-state-metrics", Side.BY_RELEASE),
    GRAFANA("grafana", "Grafana", Side.KEPT),
    LOKI("loki", "Loki", Side.KEPT),
    MINIO("minio", "MinIO", Side.KEPT),
    VMSINGLE("vmsingle", "vmsingle", Side.AFTER),
    VMAGENT("vmagent", "vmagent", Side.AFTER),
    VMALERT("vmalert", "vmalert", Side.AFTER),
    VM_ALERTMANAGER("vmalertmanager", "Alertmanager (VictoriaMetrics)", Side.AFTER),
    VM_OPERATOR("vm-operator", "VictoriaMetrics operator", Side.AFTER),
    VECTOR("vector", "Vector", Side.AFTER);

    /** Which side of the migration a component belongs to. */
    public enum Side { BEFORE, AFTER, KEPT, BY_RELEASE, UNKNOWN }

    private final String id;
    private final String label;
    private final Side side;

    ComponentKind(String id, String label, Side side) {
        this.id = id;
        this.label = label;
        this.side = side;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public Side side() {
        return side;
    }

    public static ComponentKind byId(String id) {
        for (ComponentKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown component kind " + id);
    }
}
