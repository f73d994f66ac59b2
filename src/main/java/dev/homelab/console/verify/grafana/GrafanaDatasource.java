package dev.homelab.console.verify.grafana;

import java.util.Map;

/**
 * A Grafana datasource as the HTTP API and provisioning files describe it. {@code readOnly} is set by Grafana for
 * provisioned (file / sidecar) datasources, which the API cannot change.
 */
public record GrafanaDatasource(String uid, String name, String type, String url, String access, boolean isDefault,
                                Map<String, Object> jsonData, boolean readOnly) {

    public GrafanaDatasource {
        jsonData = jsonData == null ? Map.of() : Map.copyOf(jsonData);
        access = access == null ? "proxy" : access;
    }

    /** The fields a user would notice changing, for plans and diffs. */
    public String describe() {
        return name + " (" + type + ", uid " + uid + ") -> " + url + (isDefault ? " [default]" : "");
    }
}
