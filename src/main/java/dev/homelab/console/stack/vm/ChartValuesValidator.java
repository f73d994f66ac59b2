package dev.homelab.console.stack.vm;

import dev.homelab.console.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks generated values against the real chart: every key we set must exist in the chart's {@code values.yaml}
 * (or its operator subchart's) with a compatible type, and the {@code *.spec} subtrees that become operator CRs must
 * satisfy the CRD schemas. Subtrees whose reference is not available (the node-exporter and kube-state-metrics
 * subcharts' own values) and Alertmanager's configuration (its own format, validated by Alertmanager) are listed as
 * unchecked instead of being silently accepted.
 */
public final class ChartValuesValidator {

    /** Subtrees that the chart copies into a CR: validated against that CRD's spec schema. */
    private static final Map<String, String> CRD_SPECS = Map.of(
            "vmsingle.spec", "VMSingle",
            "vmagent.spec", "VMAgent",
            "vmalert.spec", "VMAlert",
            "alertmanager.spec", "VMAlertmanager",
            "kubelet.vmScrape.spec", "VMNodeScrape");
    /** The chart documents per-group switches on one example group ({@code etcd}); every group takes the same keys. */
    private static final String RULE_GROUPS = "defaultRules.groups";
    private static final String RULE_GROUP_TEMPLATE = "etcd";
    private static final String OPERATOR_SUBCHART = "victoria-metrics-operator";
    private static final List<String> OPAQUE = List.of("alertmanager.config");
    private static final List<String> SUBCHARTS_WITHOUT_REFERENCE = List.of("prometheus-node-exporter",
            "kube-state-metrics", "grafana");

    private final Map<String, Object> chartValues;
    private final Map<String, Object> operatorValues;
    private final CrdSchemas crds;

    public ChartValuesValidator(Map<String, Object> chartValues, Map<String, Object> operatorValues, CrdSchemas crds) {
        this.chartValues = chartValues;
        this.operatorValues = operatorValues;
        this.crds = crds;
    }

    /** Loads the reference from {@code <charts>/victoria-metrics-k8s-stack} and {@code <charts>/victoria-metrics-operator}. */
    public static ChartValuesValidator fromReference(Path chartsDir) {
        return new ChartValuesValidator(
                readYaml(chartsDir.resolve("victoria-metrics-k8s-stack/values.yaml")),
                readYaml(chartsDir.resolve("victoria-metrics-operator/values.yaml")),
                CrdSchemas.load(chartsDir.resolve("victoria-metrics-operator/crds/crd.yaml")));
    }

    /** A key path and what is wrong with it. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** Problems (must be empty) and subtrees that could not be checked against a reference. */
    public record Report(List<Problem> problems, List<String> unchecked) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Report validate(Map<String, Object> values) {
        List<Problem> problems = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        walk(values, chartValues, "", problems, unchecked);
        return new Report(List.copyOf(problems), List.copyOf(unchecked));
    }

    @SuppressWarnings("unchecked")
    private void walk(Map<String, Object> ours, Map<String, Object> reference, String prefix, List<Problem> problems,
                      List<String> unchecked) {
        for (Map.Entry<String, Object> entry : ours.entrySet()) {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            Object value = entry.getValue();
            if (CRD_SPECS.containsKey(path)) {
                crds.validateSpec(CRD_SPECS.get(path), value, path, (p, m) -> problems.add(new Problem(p, m)));
                continue;
            }
            if (OPAQUE.contains(path)) {
                unchecked.add(path + " (Alertmanager's own configuration format)");
                continue;
            }
            Object expected;
            if (path.equals(OPERATOR_SUBCHART)) {
                expected = operatorValues;
            } else if (prefix.equals(RULE_GROUPS)) {
                expected = reference.get(RULE_GROUP_TEMPLATE);
            } else if (!reference.containsKey(entry.getKey())) {
                if (SUBCHARTS_WITHOUT_REFERENCE.contains(prefix)) {
                    unchecked.add(path + " (subchart values are not in the reference)");
                } else {
                    problems.add(new Problem(path, "no such key in the chart's values.yaml"));
                }
                continue;
            } else {
                expected = reference.get(entry.getKey());
            }
            if (!compatible(expected, value)) {
                problems.add(new Problem(path, "chart has " + describe(expected) + ", we set "
                        + CrdSchemas.describe(value)));
            } else if (value instanceof Map<?, ?> map && expected instanceof Map<?, ?> ref && !ref.isEmpty()) {
                walk((Map<String, Object>) map, (Map<String, Object>) ref, path, problems, unchecked);
            }
        }
    }

    /** An empty map in values.yaml ({@code extraArgs: {}}, {@code resources: {}}) is a free-form map. */
    private static boolean compatible(Object expected, Object value) {
        if (expected == null || value == null) {
            return true;
        }
        if (expected instanceof Map) {
            return value instanceof Map;
        }
        if (expected instanceof List) {
            return value instanceof List;
        }
        if (expected instanceof String) {
            return value instanceof String;
        }
        if (expected instanceof Boolean) {
            return value instanceof Boolean;
        }
        if (expected instanceof Number) {
            return value instanceof Number;
        }
        return true;
    }

    private static String describe(Object expected) {
        return expected == null ? "null" : CrdSchemas.describe(expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try {
            return Json.YAML.readValue(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read chart reference " + file + ": " + e.getMessage(), e);
        }
    }
}
