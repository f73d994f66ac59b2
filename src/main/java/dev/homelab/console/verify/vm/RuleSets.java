package dev.homelab.console.verify.vm;

import java.util.List;
import java.util.Optional;

/** The rule objects on both sides of the operator's converter, as read from the cluster. */
public final class RuleSets {

    private RuleSets() {
    }

    /** A {@code monitoring.coreos.com/v1 PrometheusRule} and the names of its groups. */
    public record PrometheusRuleSource(String namespace, String name, List<String> groups) {
        public PrometheusRuleSource {
            groups = List.copyOf(groups);
        }

        public String key() {
            return namespace + "/" + name;
        }
    }

    /**
     * An {@code operator.victoriametrics.com/v1beta1 VMRule}.
     *
     * @param status          {@code status.updateStatus} / {@code status.status} ("operational", "failed"...)
     * @param syncError       {@code status.lastSyncError} (empty when none)
     * @param ownerKinds      kinds of its owner references ("PrometheusRule" when converter ownership applied)
     */
    public record VmRule(String namespace, String name, List<String> groups, String status, String syncError,
                         List<String> ownerKinds) {
        public VmRule {
            groups = List.copyOf(groups);
            ownerKinds = List.copyOf(ownerKinds);
            status = status == null ? "" : status;
            syncError = syncError == null ? "" : syncError;
        }

        public String key() {
            return namespace + "/" + name;
        }

        public boolean failed() {
            return "failed".equalsIgnoreCase(status) || !syncError.isEmpty();
        }

        public boolean ownedByPrometheusRule() {
            return ownerKinds.contains("PrometheusRule");
        }
    }

    /**
     * What the operator's converter is set to do, read from its Deployment.
     *
     * @param converterEnabled  false when {@code disable_prometheus_converter} is set
     * @param ownership         {@code VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES}; empty when the operator was not
     *                          found
     * @param source            where this was read ("Deployment monitoring/vmks-victoria-metrics-operator")
     */
    public record ConverterSettings(boolean converterEnabled, Optional<Boolean> ownership, String source) {
    }
}
