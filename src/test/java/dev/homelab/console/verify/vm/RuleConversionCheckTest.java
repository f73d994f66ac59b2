package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import dev.homelab.console.verify.vm.RuleSets.ConverterSettings;
import dev.homelab.console.verify.vm.RuleSets.PrometheusRuleSource;
import dev.homelab.console.verify.vm.RuleSets.VmRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RuleConversionCheckTest {

    private static final List<PrometheusRuleSource> SOURCES = List.of(
            new PrometheusRuleSource("monitoring", "kps-general", List.of("general.rules")));
    private final RuleConversionCheck check = new RuleConversionCheck();

    @Test
    void aVmRuleTheOperatorRejectedIsRedWithItsSyncError() {
        CheckResult result = check.converted(SOURCES, List.of(new VmRule("monitoring", "kps-general",
                List.of("general.rules"), "failed", "cannot parse expr", List.of())),
                new ConverterSettings(true, Optional.of(true), "test"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.evidence()).anySatisfy(e -> assertThat(e.observation()).contains("cannot parse expr"));
    }

    @Test
    void aDisabledConverterWithPrometheusRulesIsRed() {
        CheckResult result = check.converted(SOURCES, List.of(), new ConverterSettings(false, Optional.of(false),
                "Deployment monitoring/op"));
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("converter is disabled");
    }

    @Test
    void failingRulesInALoadedGroupAreRed() {
        CheckResult result = check.loaded(SOURCES, List.of(new LoadedRuleGroup("general.rules",
                "/etc/vmalert/config/vm-vmks-rulefiles-0/monitoring-kps-general.yaml",
                List.of(new LoadedRuleGroup.LoadedRule("TargetDown", "alerting", "err", "unknown function")))));
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("general.rules/TargetDown");
    }

    @Test
    void ownershipThatDiffersFromTheValuesOrLacksOwnerReferencesIsRed() {
        List<VmRule> unowned = List.of(new VmRule("monitoring", "kps-general", List.of("general.rules"),
                "operational", "", List.of()));
        assertThat(check.ownership(SOURCES, unowned, new ConverterSettings(true, Optional.of(false), "op"),
                Optional.of(true)).summary()).contains("ask for converter ownership on");
        assertThat(check.ownership(SOURCES, unowned, new ConverterSettings(true, Optional.of(true), "op"),
                Optional.of(true)).summary()).contains("no owner reference yet");
        List<VmRule> owned = List.of(new VmRule("monitoring", "kps-general", List.of("general.rules"),
                "operational", "", List.of("PrometheusRule")));
        assertThat(check.ownership(SOURCES, owned, new ConverterSettings(true, Optional.of(true), "op"),
                Optional.of(true)).verdict()).isEqualTo(Verdict.PASSED);
    }
}
