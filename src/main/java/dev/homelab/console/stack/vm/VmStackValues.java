package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile;
import dev.homelab.console.stack.PiProfile.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The complete values for victoria-metrics-k8s-stack 0.91.2, as typed parts that each render their own subtree.
 * Built from {@link VmStackInputs}; rendered to the Map Helm receives and to YAML for plans and golden files.
 * Contains no secret by construction: Pushover credentials are only referenced as files of a mounted Secret.
 */
public record VmStackValues(VmStackInputs inputs, VmSingleValues vmsingle, VmAgentValues vmagent,
                            VmAlertValues vmalert, AlertmanagerValues alertmanager, ScrapeTargetsValues scrapeTargets) {

    public static final String CHART = "victoria-metrics-k8s-stack";
    public static final String CHART_VERSION = "0.91.2";
    /** The repository name Phase 1 adds ({@code migration.phase1.RequiredRepositories}). */
    public static final String REPO_NAME = "victoria-metrics";
    public static final URI REPO_URL = URI.create("https://victoriametrics.github.io/helm-charts/");

    private static final ObjectMapper READABLE_YAML = YAMLMapper.builder()
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    public static VmStackValues from(VmStackInputs inputs) {
        PiProfile p = inputs.profile();
        PiProfile.Resources reloader = p.of(Component.CONFIG_RELOADER);
        return new VmStackValues(inputs,
                new VmSingleValues(inputs.retention(), inputs.storageClass(), inputs.storageSize(),
                        p.of(Component.VMSINGLE)),
                new VmAgentValues(inputs.scrapeInterval(), inputs.buffer(), p.of(Component.VMAGENT), reloader),
                new VmAlertValues(p.of(Component.VMALERT), reloader),
                new AlertmanagerValues(inputs.pushoverSecretName(), null, p.of(Component.ALERTMANAGER),
                        reloader),
                new ScrapeTargetsValues(inputs.k3s(), inputs.nodeExporter(), p.of(Component.NODE_EXPORTER),
                        p.of(Component.KUBE_STATE_METRICS)));
    }

    /** The values map handed to Helm. */
    public Map<String, Object> toMap() {
        PiProfile p = inputs.profile();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fullnameOverride", inputs.releaseName());
        values.put("victoria-metrics-operator", OrderedMap.of(
                "operator", OrderedMap.of(
                        "disable_prometheus_converter", false,
                        "enable_converter_ownership", inputs.converterOwnership()),
                "resources", p.of(Component.OPERATOR).toValues()));
        values.put("grafana", OrderedMap.of(
                "enabled", false,
                "sidecar", OrderedMap.of("datasources", OrderedMap.of(
                        "label", "grafana_datasource", "labelValue", "1"))));
        values.put("syncJob", OrderedMap.of("resources", p.of(Component.SYNC_JOB).toValues()));
        if (inputs.grafanaUrl() != null && !inputs.grafanaUrl().isBlank()) {
            values.put("external", OrderedMap.of("grafana", OrderedMap.of("host", inputs.grafanaUrl())));
        }
        values.put("vmsingle", vmsingle.toValues());
        values.put("vmagent", vmagent.toValues());
        values.put("vmalert", vmalert.toValues());
        values.put("alertmanager", alertmanager.toValues());
        values.putAll(scrapeTargets.toValues());
        return values;
    }

    /** Readable YAML (quotes only where YAML needs them), as a user would write a values file. */
    public String toYaml() {
        return READABLE_YAML.writeValueAsString(toMap());
    }
}
