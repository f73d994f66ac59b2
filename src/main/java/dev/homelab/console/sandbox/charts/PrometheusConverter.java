package dev.homelab.console.sandbox.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The victoria-metrics-operator's converter: every PrometheusRule, ServiceMonitor and PodMonitor gets a VMRule,
 * VMServiceScrape or VMPodScrape of the same name and namespace, with labels and annotations copied. With
 * {@code enable_converter_ownership} the converted object is owned by its source (and goes when the source goes).
 */
public final class PrometheusConverter {

    private static final Map<String, String> KINDS = Map.of("PrometheusRule", "VMRule",
            "ServiceMonitor", "VMServiceScrape", "PodMonitor", "VMPodScrape");

    private PrometheusConverter() {
    }

    public static boolean enabled(Values values) {
        return !values.bool("victoria-metrics-operator.operator.disable_prometheus_converter", false);
    }

    public static void convertAll(KubernetesClient kube, Values values) {
        boolean ownership = values.bool("victoria-metrics-operator.operator.enable_converter_ownership", false);
        KINDS.forEach((source, target) -> {
            for (GenericKubernetesResource object : list(kube, KubePrometheusStackChart.GROUP + "/v1", source)) {
                GenericKubernetesResourceBuilder converted = new GenericKubernetesResourceBuilder()
                        .withApiVersion(VictoriaMetricsK8sStackChart.GROUP + "/v1beta1").withKind(target)
                        .withNewMetadata().withName(object.getMetadata().getName())
                        .withNamespace(object.getMetadata().getNamespace())
                        .withLabels(object.getMetadata().getLabels())
                        .withAnnotations(object.getMetadata().getAnnotations()).endMetadata()
                        .addToAdditionalProperties("spec", object.getAdditionalProperties().get("spec"));
                if (ownership) {
                    converted.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(object.getApiVersion()).withKind(source)
                            .withName(object.getMetadata().getName()).withUid(object.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build()).endMetadata();
                }
                try {
                    kube.resource(converted.build()).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }
        });
    }

    /** Garbage collection of converted objects whose owning Prometheus object was deleted. */
    public static void collectOrphans(KubernetesClient kube, Set<String> deletedUids) {
        if (deletedUids.isEmpty()) {
            return;
        }
        for (String kind : KINDS.values()) {
            for (GenericKubernetesResource object : list(kube, VictoriaMetricsK8sStackChart.GROUP + "/v1beta1",
                    kind)) {
                var owners = object.getMetadata().getOwnerReferences();
                if (owners != null && owners.stream().anyMatch(o -> deletedUids.contains(o.getUid()))) {
                    kube.resource(object).delete();
                }
            }
        }
    }

    private static List<GenericKubernetesResource> list(KubernetesClient kube, String apiVersion, String kind) {
        try {
            return kube.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }
}
