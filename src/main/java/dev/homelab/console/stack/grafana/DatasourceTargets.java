package dev.homelab.console.stack.grafana;

import dev.homelab.console.verify.grafana.GrafanaDatasource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The datasources the migrated stack needs in the existing Grafana: a Prometheus-type datasource on VictoriaMetrics
 * (scrape interval as timeInterval so $__rate_interval stays sane; POST for long queries) and Loki.
 */
public final class DatasourceTargets {

    public static final String VM_UID = "victoriametrics";
    public static final String VM_NAME = "VictoriaMetrics";

    private DatasourceTargets() {
    }

    /**
     * @param vmsingleUrl in-cluster URL of vmsingle, e.g. {@code http://vmsingle-vmks.monitoring.svc.cluster.local:8428}
     * @param makeDefault true only when no other datasource is the default (two defaults break provisioning)
     */
    public static GrafanaDatasource victoriaMetrics(String vmsingleUrl, String scrapeInterval, boolean makeDefault) {
        Map<String, Object> jsonData = new LinkedHashMap<>();
        jsonData.put("timeInterval", scrapeInterval);
        jsonData.put("httpMethod", "POST");
        return new GrafanaDatasource(VM_UID, VM_NAME, "prometheus", vmsingleUrl, "proxy", makeDefault, jsonData, false);
    }

    public static GrafanaDatasource loki(String uid, String name, String lokiUrl, String tenant) {
        Map<String, Object> jsonData = new LinkedHashMap<>();
        jsonData.put("maxLines", 1000);
        Map<String, String> secure = Map.of();
        if (tenant != null && !tenant.isBlank()) {
            jsonData.put("httpHeaderName1", "X-Scope-OrgID");
            // the tenant is an org id, not a credential, but Grafana only takes header values as secure data
            secure = Map.of("httpHeaderValue1", tenant);
        }
        return new GrafanaDatasource(uid, name, "loki", lokiUrl, "proxy", false, jsonData, false, secure);
    }
}
