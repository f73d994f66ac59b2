package dev.homelab.console.verify.vm;

import java.util.List;

/** A rule group as vmalert loaded it ({@code /api/v1/rules}). */
public record LoadedRuleGroup(String name, String file, List<LoadedRule> rules) {

    public LoadedRuleGroup {
        rules = List.copyOf(rules);
    }

    /** One alerting or recording rule with its last evaluation's health. */
    public record LoadedRule(String name, String type, String health, String lastError) {
        public boolean healthy() {
            return "ok".equals(health) && (lastError == null || lastError.isEmpty());
        }
    }

    public List<LoadedRule> failingRules() {
        return rules.stream().filter(r -> !r.healthy()).toList();
    }

    /** True when the group came from the rule file of VMRule {@code namespace/name} (operator: {@code <ns>-<name>.yaml}). */
    public boolean fromVmRule(String namespace, String vmRuleName) {
        String base = file.substring(file.lastIndexOf('/') + 1);
        return base.equals(namespace + "-" + vmRuleName + ".yaml");
    }
}
