package dev.homelab.console.verify.vm;

import dev.homelab.console.verify.vm.RuleSets.ConverterSettings;
import dev.homelab.console.verify.vm.RuleSets.PrometheusRuleSource;
import dev.homelab.console.verify.vm.RuleSets.VmRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads both sides of the converter from the cluster: PrometheusRules, VMRules and the operator's settings. */
public final class RuleInventory {

    public static final ResourceDefinitionContext PROMETHEUS_RULES = new ResourceDefinitionContext.Builder()
            .withGroup("monitoring.coreos.com").withVersion("v1").withKind("PrometheusRule")
            .withPlural("prometheusrules").withNamespaced(true).build();
    public static final ResourceDefinitionContext VM_RULES = new ResourceDefinitionContext.Builder()
            .withGroup("operator.victoriametrics.com").withVersion("v1beta1").withKind("VMRule")
            .withPlural("vmrules").withNamespaced(true).build();
    static final String OWNERSHIP_ENV = "VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES";
    static final String CONVERTER_ENV_PREFIX = "VM_ENABLEDPROMETHEUSCONVERTER_";

    private final KubernetesClient kube;

    public RuleInventory(KubernetesClient kube) {
        this.kube = kube;
    }

    /** Every PrometheusRule; empty when the monitoring.coreos.com CRDs are not installed. */
    public List<PrometheusRuleSource> prometheusRules() {
        List<PrometheusRuleSource> result = new ArrayList<>();
        for (GenericKubernetesResource rule : list(PROMETHEUS_RULES)) {
            result.add(new PrometheusRuleSource(rule.getMetadata().getNamespace(), rule.getMetadata().getName(),
                    groupNames(rule)));
        }
        return result;
    }

    public List<VmRule> vmRules() {
        List<VmRule> result = new ArrayList<>();
        for (GenericKubernetesResource rule : list(VM_RULES)) {
            Map<String, Object> status = map(rule.getAdditionalProperties().get("status"));
            Object state = status.getOrDefault("updateStatus", status.get("status"));
            List<String> owners = new ArrayList<>();
            for (OwnerReference owner : rule.getMetadata().getOwnerReferences()) {
                owners.add(owner.getKind());
            }
            result.add(new VmRule(rule.getMetadata().getNamespace(), rule.getMetadata().getName(), groupNames(rule),
                    state == null ? "" : state.toString(), String.valueOf(status.getOrDefault("lastSyncError", "")),
                    owners));
        }
        return result;
    }

    /** The operator's converter settings, from the env of the victoria-metrics-operator Deployment in {@code namespace}. */
    public ConverterSettings converterSettings(String namespace) {
        List<Deployment> operators = kube.apps().deployments().inNamespace(namespace)
                .withLabel("app.kubernetes.io/name", "victoria-metrics-operator").list().getItems();
        if (operators.isEmpty()) {
            return new ConverterSettings(true, Optional.empty(), "no Deployment labelled "
                    + "app.kubernetes.io/name=victoria-metrics-operator in namespace " + namespace);
        }
        Deployment operator = operators.get(0);
        boolean converter = true;
        boolean ownership = false;
        for (var container : operator.getSpec().getTemplate().getSpec().getContainers()) {
            for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                if (OWNERSHIP_ENV.equals(env.getName())) {
                    ownership = "true".equalsIgnoreCase(env.getValue());
                } else if (env.getName().startsWith(CONVERTER_ENV_PREFIX)
                        && env.getName().endsWith("PROMETHEUSRULE") && "false".equalsIgnoreCase(env.getValue())) {
                    converter = false;
                }
            }
        }
        return new ConverterSettings(converter, Optional.of(ownership), "Deployment " + namespace + "/"
                + operator.getMetadata().getName());
    }

    private List<GenericKubernetesResource> list(ResourceDefinitionContext context) {
        try {
            return kube.genericKubernetesResources(context).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static List<String> groupNames(GenericKubernetesResource resource) {
        Map<String, Object> spec = map(resource.getAdditionalProperties().get("spec"));
        List<String> names = new ArrayList<>();
        if (spec.get("groups") instanceof List<?> groups) {
            for (Object group : groups) {
                Object name = map(group).get("name");
                if (name != null) {
                    names.add(name.toString());
                }
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
