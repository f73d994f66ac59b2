package dev.homelab.console.stack.grafana;

import dev.homelab.console.util.Json;
import dev.homelab.console.verify.grafana.GrafanaDatasource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Datasources for a Grafana whose chart runs the k8s-sidecar: a ConfigMap labelled {@code grafana_datasource}
 * holding a provisioning file ({@code apiVersion: 1}, {@code datasources: [...]}). The sidecar copies it into
 * Grafana and asks Grafana to reload provisioning.
 */
public final class SidecarDatasources {

    public static final String CONFIG_MAP_NAME = "homelab-console-datasources";
    public static final String FILE_NAME = "homelab-console-datasources.yaml";

    private SidecarDatasources() {
    }

    /**
     * @param label      the sidecar's label key (grafana chart {@code sidecar.datasources.label}, usually grafana_datasource)
     * @param labelValue its value ({@code sidecar.datasources.labelValue}; "1" in kube-prometheus-stack)
     */
    public static ConfigMap configMap(String namespace, String label, String labelValue,
                                      List<GrafanaDatasource> datasources) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("apiVersion", 1);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (GrafanaDatasource ds : datasources) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", ds.name());
            entry.put("uid", ds.uid());
            entry.put("type", ds.type());
            entry.put("access", ds.access());
            entry.put("url", ds.url());
            entry.put("isDefault", ds.isDefault());
            entry.put("editable", false);
            entry.put("jsonData", ds.jsonData());
            if (!ds.secureJsonData().isEmpty()) {
                entry.put("secureJsonData", ds.secureJsonData());
            }
            entries.add(entry);
        }
        file.put("datasources", entries);
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(CONFIG_MAP_NAME)
                .withNamespace(namespace)
                .addToLabels(label, labelValue)
                .addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                .endMetadata()
                .addToData(FILE_NAME, Json.YAML.writeValueAsString(file))
                .build();
    }

    /** Datasources declared in a sidecar ConfigMap (any provisioning file in it). */
    @SuppressWarnings("unchecked")
    public static List<GrafanaDatasource> parse(ConfigMap configMap) {
        List<GrafanaDatasource> result = new ArrayList<>();
        if (configMap.getData() == null) {
            return result;
        }
        for (String content : configMap.getData().values()) {
            Map<String, Object> file;
            try {
                file = Json.YAML.readValue(content, Map.class);
            } catch (RuntimeException notYaml) {
                continue;
            }
            Object list = file == null ? null : file.get("datasources");
            if (!(list instanceof List<?> items)) {
                continue;
            }
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    Map<String, Object> ds = (Map<String, Object>) m;
                    result.add(new GrafanaDatasource(String.valueOf(ds.getOrDefault("uid", "")),
                            String.valueOf(ds.getOrDefault("name", "")), String.valueOf(ds.getOrDefault("type", "")),
                            String.valueOf(ds.getOrDefault("url", "")), String.valueOf(ds.getOrDefault("access", "proxy")),
                            Boolean.TRUE.equals(ds.get("isDefault")),
                            ds.get("jsonData") instanceof Map<?, ?> jd ? (Map<String, Object>) jd : Map.of(), true,
                            ds.get("secureJsonData") instanceof Map<?, ?> secure ? strings(secure) : Map.of()));
                }
            }
        }
        return result;
    }

    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        return result;
    }
}
