package dev.homelab.console.verify.grafana;

import java.util.Map;

/**
 * A Grafana datasource as the HTTP API and provisioning files describe it. {@code readOnly} is set by Grafana for
 * provisioned (file / sidecar) datasources, which the API cannot change. {@code secureJsonData} is what Grafana
 * stores encrypted and never returns (e.g. a header value such as Loki's tenant); it is only ever written.
 */
public record GrafanaDatasource(String uid, String name, String type, String url, String access, boolean isDefault,
                                Map<String, Object> jsonData, boolean readOnly, Map<String, String> secureJsonData) {

    public GrafanaDatasource {
        jsonData = jsonData == null ? Map.of() : Map.copyOf(jsonData);
        access = access == null ? "proxy" : access;
        secureJsonData = secureJsonData == null ? Map.of() : Map.copyOf(secureJsonData);
    }

    /** A datasource as Grafana returns it: without secure fields. */
    public GrafanaDatasource(String uid, String name, String type, String url, String access, boolean isDefault,
                             Map<String, Object> jsonData, boolean readOnly) {
        this(uid, name, type, url, access, isDefault, jsonData, readOnly, Map.of());
    }

    /** The fields a user would notice changing, for plans and diffs. */
    public String describe() {
        return name + " (" + type + ", uid " + uid + ") -> " + url + (isDefault ? " [default]" : "");
    }
}
