package dev.homelab.console.migration.decommission;

import dev.homelab.console.helm.HelmRelease;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flux HelmReleases and Argo CD Applications that own a release: they would reinstall what the console removes (or
 * revert what it changes), so preflight names them.
 */
public final class GitOpsOwners {

    private GitOpsOwners() {
    }

    public static List<String> find(KubernetesClient kube, List<HelmRelease> releases) {
        List<String> owners = new ArrayList<>();
        for (GenericKubernetesResource flux : list(kube, "helm.toolkit.fluxcd.io/v2", "HelmRelease")) {
            Map<String, Object> spec = map(flux.getAdditionalProperties().get("spec"));
            String releaseName = String.valueOf(spec.getOrDefault("releaseName", flux.getMetadata().getName()));
            String target = String.valueOf(spec.getOrDefault("targetNamespace", flux.getMetadata().getNamespace()));
            for (HelmRelease release : releases) {
                if (release.name().equals(releaseName) && release.namespace().equals(target)) {
                    owners.add("Flux HelmRelease " + flux.getMetadata().getNamespace() + "/"
                            + flux.getMetadata().getName() + " (release " + release.name() + ")");
                }
            }
        }
        for (GenericKubernetesResource app : list(kube, "argoproj.io/v1alpha1", "Application")) {
            Map<String, Object> spec = map(app.getAdditionalProperties().get("spec"));
            Map<String, Object> source = map(spec.get("source"));
            Map<String, Object> destination = map(spec.get("destination"));
            String chart = String.valueOf(source.getOrDefault("chart", ""));
            String releaseName = String.valueOf(map(source.get("helm")).getOrDefault("releaseName",
                    app.getMetadata().getName()));
            for (HelmRelease release : releases) {
                if ((release.chartName().equals(chart) || release.name().equals(releaseName))
                        && release.namespace().equals(destination.get("namespace"))) {
                    owners.add("Argo CD Application " + app.getMetadata().getNamespace() + "/"
                            + app.getMetadata().getName() + " (release " + release.name() + ")");
                }
            }
        }
        return owners;
    }

    private static List<GenericKubernetesResource> list(KubernetesClient kube, String apiVersion, String kind) {
        try {
            return kube.genericKubernetesResources(apiVersion, kind).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException notInstalled) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
