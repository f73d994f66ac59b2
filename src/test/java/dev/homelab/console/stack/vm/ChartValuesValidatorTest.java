package dev.homelab.console.stack.vm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChartValuesValidatorTest {

    private static ChartValuesValidator validator;

    @BeforeAll
    static void loadReference() {
        validator = ChartValuesValidator.fromReference(ReferenceCharts.dir());
    }

    @Test
    void generatedPiValuesUseOnlyKeysTheChartAndTheCrdsKnow() {
        for (boolean nodeExporter : List.of(true, false)) {
            ChartValuesValidator.Report report =
                    validator.validate(VmStackValues.from(VmStackValuesTest.piOnLocalPath(nodeExporter)).toMap());
            assertThat(report.problems()).isEmpty();
            assertThat(report.unchecked()).contains("alertmanager.config (Alertmanager's own configuration format)");
        }
    }

    @Test
    void aMisspelledChartKeyIsReported() {
        Map<String, Object> values = new LinkedHashMap<>(VmStackValues.from(VmStackValuesTest.piOnLocalPath(false))
                .toMap());
        values.put("vmsingel", Map.of("enabled", true));
        assertThat(validator.validate(values).problems()).extracting(ChartValuesValidator.Problem::path)
                .containsExactly("vmsingel");
    }

    @Test
    void aWrongTypeAgainstValuesYamlIsReported() {
        Map<String, Object> values = Map.of("grafana", Map.of("enabled", "no"));
        assertThat(validator.validate(values).problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("grafana.enabled").contains("Boolean"));
    }

    @Test
    void crSpecsAreCheckedAgainstTheCrdSchema() {
        Map<String, Object> values = Map.of(
                "vmagent", Map.of("spec", Map.of("updateStrategy", "OnDelete", "scrapeIntervall", "30s")),
                "vmsingle", Map.of("spec", Map.of("retentionPeriod", 14)));
        assertThat(validator.validate(values).problems()).extracting(ChartValuesValidator.Problem::path)
                .containsExactlyInAnyOrder("vmagent.spec.updateStrategy", "vmagent.spec.scrapeIntervall",
                        "vmsingle.spec.retentionPeriod");
    }

    @Test
    void ruleGroupSwitchesAreCheckedLikeTheDocumentedEtcdGroup() {
        Map<String, Object> values = Map.of("defaultRules", Map.of("groups", Map.of(
                "kube-scheduler.rules", Map.of("enabled", false),
                "kubernetes-system-scheduler", Map.of("enable", false))));
        assertThat(validator.validate(values).problems()).extracting(ChartValuesValidator.Problem::path)
                .containsExactly("defaultRules.groups.kubernetes-system-scheduler.enable");
    }

    @Test
    void operatorSubchartValuesAreCheckedAgainstTheOperatorChart() {
        Map<String, Object> values = Map.of("victoria-metrics-operator", Map.of("operator",
                Map.of("enable_converter_ownership", true, "enable_converter_ownershp", true)));
        assertThat(validator.validate(values).problems()).extracting(ChartValuesValidator.Problem::path)
                .containsExactly("victoria-metrics-operator.operator.enable_converter_ownershp");
    }
}
