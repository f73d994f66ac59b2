package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.vm.RuleSets.ConverterSettings;
import dev.homelab.console.verify.vm.RuleSets.PrometheusRuleSource;
import dev.homelab.console.verify.vm.RuleSets.VmRule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "The existing Prometheus rules still alert": every PrometheusRule was converted by the operator into a VMRule of
 * the same name, vmalert loaded each of its groups and evaluates them without errors; groups loaded twice (the same
 * rules from kube-prometheus-stack's converted objects and from the stack's own default rules) are reported because
 * they notify twice. The converter's ownership setting decides what disappears when kube-prometheus-stack is removed.
 */
public final class RuleConversionCheck {

    public static final String CONVERTED_ID = "prometheusrules-converted";
    public static final String LOADED_ID = "vmalert-groups-loaded";
    public static final String OWNERSHIP_ID = "converter-ownership";
    private static final String CONVERTED_TITLE = "Every PrometheusRule was converted into a VMRule";
    private static final String LOADED_TITLE = "vmalert loaded and evaluates every converted rule group";
    private static final String OWNERSHIP_TITLE = "Converter ownership of converted objects";

    public List<CheckResult> run(List<PrometheusRuleSource> sources, List<VmRule> vmRules,
                                 VmAlertClient vmalert, ConverterSettings converter) {
        return run(sources, vmRules, vmalert, converter, Optional.empty());
    }

    /** @param plannedOwnership the ownership the installed values ask for; a different running setting is red */
    public List<CheckResult> run(List<PrometheusRuleSource> sources, List<VmRule> vmRules,
                                 VmAlertClient vmalert, ConverterSettings converter,
                                 Optional<Boolean> plannedOwnership) {
        List<LoadedRuleGroup> loaded;
        CheckResult loadedResult;
        try {
            loaded = vmalert.groups();
            loadedResult = loaded(sources, loaded);
        } catch (ServiceCallException e) {
            loadedResult = CheckResult.unverified(LOADED_ID, LOADED_TITLE, e.getMessage(), List.of());
        }
        return List.of(converted(sources, vmRules, converter), loadedResult,
                ownership(sources, vmRules, converter, plannedOwnership));
    }

    CheckResult converted(List<PrometheusRuleSource> sources, List<VmRule> vmRules, ConverterSettings converter) {
        if (sources.isEmpty()) {
            return CheckResult.passed(CONVERTED_ID, CONVERTED_TITLE,
                    "There are no PrometheusRules in the cluster, so there is nothing to convert",
                    List.of(new Evidence("kubernetes prometheusrules.monitoring.coreos.com", "0 objects")));
        }
        if (!converter.converterEnabled()) {
            return CheckResult.failed(CONVERTED_ID, CONVERTED_TITLE, sources.size() + " PrometheusRules exist but the"
                    + " operator's converter is disabled (" + converter.source() + "); enable it or their alerts are"
                    + " lost", List.of());
        }
        Map<String, VmRule> byKey = vmRules.stream().collect(Collectors.toMap(VmRule::key, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (PrometheusRuleSource source : sources) {
            VmRule vmRule = byKey.get(source.key());
            if (vmRule == null) {
                missing.add(source.key());
                evidence.add(new Evidence("VMRule " + source.key(), "missing"));
            } else if (vmRule.failed()) {
                failed.add(source.key());
                evidence.add(new Evidence("VMRule " + source.key(), "status " + vmRule.status() + ": "
                        + vmRule.syncError()));
            } else {
                Set<String> lost = new TreeSet<>(source.groups());
                vmRule.groups().forEach(lost::remove);
                if (!lost.isEmpty()) {
                    missing.add(source.key() + " groups " + lost);
                }
                evidence.add(new Evidence("VMRule " + source.key(), vmRule.groups().size() + " groups"
                        + (lost.isEmpty() ? "" : ", missing " + lost)));
            }
        }
        if (!missing.isEmpty() || !failed.isEmpty()) {
            String summary = (missing.isEmpty() ? "" : "Not converted: " + String.join(", ", missing) + ". ")
                    + (failed.isEmpty() ? "" : "Rejected by the operator: " + String.join(", ", failed) + ". ")
                    + "Restarting the operator converts objects it missed (operator#1998); a rejected VMRule shows"
                    + " its error in status.lastSyncError.";
            return CheckResult.failed(CONVERTED_ID, CONVERTED_TITLE, summary, evidence);
        }
        return CheckResult.passed(CONVERTED_ID, CONVERTED_TITLE, "All " + sources.size()
                + " PrometheusRules have a VMRule with the same groups", evidence);
    }

    CheckResult loaded(List<PrometheusRuleSource> sources, List<LoadedRuleGroup> loaded) {
        String api = "vmalert /api/v1/rules";
        List<Evidence> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        int expected = 0;
        for (PrometheusRuleSource source : sources) {
            for (String group : source.groups()) {
                expected++;
                List<LoadedRuleGroup> candidates = loaded.stream().filter(g -> g.name().equals(group)).toList();
                List<LoadedRuleGroup> own = candidates.stream()
                        .filter(g -> g.fromVmRule(source.namespace(), source.name())).toList();
                List<LoadedRuleGroup> matches = own.isEmpty() ? candidates : own;
                if (matches.isEmpty()) {
                    missing.add(source.key() + ":" + group);
                    continue;
                }
                for (LoadedRuleGroup match : matches) {
                    for (LoadedRuleGroup.LoadedRule rule : match.failingRules()) {
                        failing.add(group + "/" + rule.name());
                        evidence.add(new Evidence(api, group + "/" + rule.name() + " health " + rule.health() + ": "
                                + rule.lastError()));
                    }
                }
            }
        }
        Map<String, Set<String>> filesByGroup = new LinkedHashMap<>();
        for (LoadedRuleGroup group : loaded) {
            filesByGroup.computeIfAbsent(group.name(), n -> new TreeSet<>()).add(group.file());
        }
        List<String> duplicated = filesByGroup.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").toList();
        duplicated.forEach(d -> evidence.add(new Evidence(api, "loaded more than once: " + d)));
        evidence.add(0, new Evidence(api, loaded.size() + " groups loaded in total; " + expected
                + " expected from PrometheusRules"));
        missing.forEach(m -> evidence.add(new Evidence(api, "not loaded: " + m)));
        String duplicateNote = duplicated.isEmpty() ? "" : " " + duplicated.size() + " group(s) are loaded more than"
                + " once and will notify twice: " + duplicated.stream().map(d -> d.substring(0, d.indexOf(" (")))
                .collect(Collectors.joining(", ")) + ".";
        if (!missing.isEmpty() || !failing.isEmpty()) {
            return CheckResult.failed(LOADED_ID, LOADED_TITLE,
                    (missing.isEmpty() ? "" : missing.size() + " group(s) not loaded by vmalert: "
                            + String.join(", ", missing) + ". ")
                            + (failing.isEmpty() ? "" : failing.size() + " rule(s) fail to evaluate: "
                            + String.join(", ", failing) + ".") + duplicateNote, evidence);
        }
        return CheckResult.passed(LOADED_ID, LOADED_TITLE, "All " + expected + " groups from PrometheusRules are"
                + " loaded and evaluate without errors." + duplicateNote, evidence);
    }

    CheckResult ownership(List<PrometheusRuleSource> sources, List<VmRule> vmRules, ConverterSettings converter,
                          Optional<Boolean> planned) {
        if (converter.ownership().isEmpty()) {
            return CheckResult.unverified(OWNERSHIP_ID, OWNERSHIP_TITLE, "the operator Deployment was not found ("
                    + converter.source() + ")", List.of());
        }
        boolean enabled = converter.ownership().get();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(converter.source(), "VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES=" + enabled));
        Set<String> sourceKeys = sources.stream().map(PrometheusRuleSource::key).collect(Collectors.toSet());
        List<VmRule> converted = vmRules.stream().filter(r -> sourceKeys.contains(r.key())).toList();
        long owned = converted.stream().filter(VmRule::ownedByPrometheusRule).count();
        evidence.add(new Evidence("VMRules converted from PrometheusRules", owned + " of " + converted.size()
                + " carry an owner reference to their PrometheusRule"));
        if (planned.isPresent() && planned.get() != enabled) {
            return CheckResult.failed(OWNERSHIP_ID, OWNERSHIP_TITLE, "The values ask for converter ownership "
                    + (planned.get() ? "on" : "off") + " but the operator runs with it " + (enabled ? "on" : "off")
                    + "; check victoria-metrics-operator.operator.enable_converter_ownership and restart the operator",
                    evidence);
        }
        if (enabled && owned < converted.size()) {
            return CheckResult.failed(OWNERSHIP_ID, OWNERSHIP_TITLE, "Ownership is enabled but " + (converted.size()
                    - owned) + " converted VMRule(s) have no owner reference yet; restart the operator so that it"
                    + " adds them, or they will stay after kube-prometheus-stack is removed", evidence);
        }
        String meaning = enabled
                ? "converted VMRules/VMServiceScrapes are deleted together with their Prometheus source, so removing"
                + " kube-prometheus-stack removes its converted rules; deleting the monitoring.coreos.com CRDs would"
                + " delete every converted object"
                : "converted objects stay when their Prometheus source is deleted; after removing"
                + " kube-prometheus-stack its converted objects must be cleaned up by label";
        return CheckResult.passed(OWNERSHIP_ID, OWNERSHIP_TITLE, "Converter ownership is "
                + (enabled ? "enabled" : "disabled") + ": " + meaning, evidence);
    }
}
