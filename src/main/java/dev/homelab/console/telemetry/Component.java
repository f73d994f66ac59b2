package dev.homelab.console.telemetry;

/**
 * A monitoring component as the charts and the comparison show it: its kind and, for kinds that either stack may
 * deploy (node-exporter, kube-state-metrics, Grafana), the chart of the Helm release that deployed it.
 * {@link #key()} is what the store keeps; it is stable across pod restarts and node moves.
 */
public record Component(ComponentKind kind, String chart) {

    private static final String KPS = "kube-prometheus-stack";
    private static final String VM_STACK = "victoria-metrics-k8s-stack";

    public Component {
        chart = chart == null ? "" : chart;
    }

    public static Component of(ComponentKind kind) {
        return new Component(kind, "");
    }

    public String key() {
        return chart.isEmpty() ? kind.id() : kind.id() + "@" + chart;
    }

    public static Component fromKey(String key) {
        int at = key.indexOf('@');
        return at < 0 ? of(ComponentKind.byId(key))
                : new Component(ComponentKind.byId(key.substring(0, at)), key.substring(at + 1));
    }

    public String label() {
        return chart.isEmpty() ? kind.label() : kind.label() + " (" + chart + ")";
    }

    public ComponentKind.Side side() {
        if (kind.side() != ComponentKind.Side.BY_RELEASE) {
            return kind.side();
        }
        if (chart.equals(KPS)) {
            return ComponentKind.Side.BEFORE;
        }
        if (chart.equals(VM_STACK)) {
            return ComponentKind.Side.AFTER;
        }
        return ComponentKind.Side.UNKNOWN;
    }

    @Override
    public String toString() {
        return label();
    }
}
