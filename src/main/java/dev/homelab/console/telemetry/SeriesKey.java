package dev.homelab.console.telemetry;

/**
 * One stored series: a node's total usage ({@code component} empty) or one component's usage on a node.
 */
public record SeriesKey(String node, String component) {

    public SeriesKey {
        component = component == null ? "" : component;
    }

    public static SeriesKey node(String node) {
        return new SeriesKey(node, "");
    }

    public static SeriesKey component(String node, Component component) {
        return new SeriesKey(node, component.key());
    }

    public boolean isNode() {
        return component.isEmpty();
    }
}
