package dev.homelab.console.sandbox.vm;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.verify.vm.RuleInventory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What victoria-metrics-operator does with rules once the stack is installed, for the sandbox: converts every
 * PrometheusRule into a VMRule of the same name and namespace (labels copied; an owner reference when
 * {@code enable_converter_ownership} is on), and applies the default rules the chart's sync-job would download
 * ({@code <release>-rule-<group>}, labelled {@code app.kubernetes.io/managed-by=sync-job}) — so kube-prometheus-stack's
 * {@code general.rules} is loaded twice while both stacks run, as on a real cluster.
 */
final class SimulatedOperatorConverter {

    static final List<String> SYNC_JOB_GROUPS = List.of("general.rules", "vmagent", "vmsingle");

    private final VmLab lab;

    SimulatedOperatorConverter(VmLab lab) {
        this.lab = lab;
    }

    /** Idempotent: creates what is missing. */
    synchronized void sync() {
        var release = lab.release();
        if (release.isEmpty()) {
            return;
        }
        KubernetesClient kube = lab.world().kube();
        boolean ownership = Boolean.TRUE.equals(lab.value("victoria-metrics-operator.operator.enable_converter_ownership")
                .orElse(false));
        for (GenericKubernetesResource source : list(kube, RuleInventory.PROMETHEUS_RULES)) {
            String namespace = source.getMetadata().getNamespace();
            String name = source.getMetadata().getName();
            if (get(kube, namespace, name) != null) {
                continue;
            }
            GenericKubernetesResourceBuilder converted = new GenericKubernetesResourceBuilder()
                    .withApiVersion("operator.victoriametrics.com/v1beta1").withKind("VMRule")
                    .withNewMetadata().withName(name).withNamespace(namespace)
                    .withLabels(source.getMetadata().getLabels()).withAnnotations(source.getMetadata().getAnnotations())
                    .endMetadata();
            if (ownership) {
                converted.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("monitoring.coreos.com/v1").withKind("PrometheusRule").withName(name)
                        .withUid(source.getMetadata().getUid() == null ? name : source.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build()).endMetadata();
            }
            create(kube, namespace, converted.withAdditionalProperties(Map.of(
                    "spec", source.getAdditionalProperties().getOrDefault("spec", Map.of()),
                    "status", Map.of("updateStatus", "operational"))).build());
        }
        HelmRelease stack = release.get();
        for (String group : SYNC_JOB_GROUPS) {
            String name = stack.name() + "-rule-" + group;
            if (get(kube, stack.namespace(), name) == null) {
                create(kube, stack.namespace(), new GenericKubernetesResourceBuilder()
                        .withApiVersion("operator.victoriametrics.com/v1beta1").withKind("VMRule")
                        .withNewMetadata().withName(name).withNamespace(stack.namespace())
                        .withLabels(Map.of("app.kubernetes.io/managed-by", "sync-job")).endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("groups", List.of(defaultGroup(group))),
                                "status", Map.of("updateStatus", "operational")))
                        .build());
            }
        }
    }

    static List<GenericKubernetesResource> list(KubernetesClient kube,
                                                io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext type) {
        try {
            return kube.genericKubernetesResources(type).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    private static GenericKubernetesResource get(KubernetesClient kube, String namespace, String name) {
        return kube.genericKubernetesResources(RuleInventory.VM_RULES).inNamespace(namespace).withName(name).get();
    }

    private static void create(KubernetesClient kube, String namespace, GenericKubernetesResource resource) {
        kube.genericKubernetesResources(RuleInventory.VM_RULES).inNamespace(namespace).resource(resource).create();
    }

    private static Map<String, Object> defaultGroup(String group) {
        Map<String, Object> rule = new LinkedHashMap<>();
        switch (group) {
            case "general.rules" -> {
                rule.put("alert", "Watchdog");
                rule.put("expr", "vector(1)");
                rule.put("labels", Map.of("severity", "none"));
            }
            case "vmagent" -> {
                rule.put("alert", "PersistentQueueIsDroppingData");
                rule.put("expr", "sum(increase(vm_persistentqueue_bytes_dropped_total[5m])) by (job, instance) > 0");
                rule.put("labels", Map.of("severity", "critical"));
            }
            default -> {
                rule.put("alert", "DiskRunsOutOfSpaceIn3Days");
                rule.put("expr", "vm_free_disk_space_bytes / ignoring(path) rate(vm_rows_added_to_storage_total[1d])"
                        + " < 3 * 24 * 3600");
                rule.put("labels", Map.of("severity", "critical"));
            }
        }
        return Map.of("name", group, "rules", List.of(rule));
    }
}
