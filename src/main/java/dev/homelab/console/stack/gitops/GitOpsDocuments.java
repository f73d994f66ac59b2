package dev.homelab.console.stack.gitops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Kubernetes objects of the export: Flux sources and releases, Argo CD Applications, Secret templates. */
final class GitOpsDocuments {

    static final String FLUX_NAMESPACE = "flux-system";
    static final String ARGO_NAMESPACE = "argocd";

    private GitOpsDocuments() {
    }

    static List<Object> fluxRepositories(Map<String, String> repositories) {
        List<Object> docs = new ArrayList<>();
        repositories.forEach((name, url) -> docs.add(ordered(
                "apiVersion", "source.toolkit.fluxcd.io/v1",
                "kind", "HelmRepository",
                "metadata", ordered("name", name, "namespace", FLUX_NAMESPACE),
                "spec", ordered("interval", "1h", "url", url))));
        return docs;
    }

    static Map<String, Object> fluxHelmRelease(ReleaseTarget release) {
        return ordered(
                "apiVersion", "helm.toolkit.fluxcd.io/v2",
                "kind", "HelmRelease",
                "metadata", ordered("name", release.name(), "namespace", release.namespace()),
                "spec", ordered(
                        "interval", "30m",
                        "releaseName", release.name(),
                        "chart", ordered("spec", ordered(
                                "chart", release.chart().chart(),
                                "version", release.chart().version(),
                                "sourceRef", ordered("kind", "HelmRepository", "name", release.chart().repoName(),
                                        "namespace", FLUX_NAMESPACE))),
                        // charts keep CRDs in crds/, which Helm never upgrades; Flux can (the charts' upgrade guides
                        // otherwise ask for a manual kubectl apply of the new CRDs)
                        "install", ordered("createNamespace", true, "crds", "CreateReplace",
                                "remediation", ordered("retries", 3)),
                        "upgrade", ordered("crds", "CreateReplace", "remediation", ordered("retries", 3)),
                        "values", release.values()));
    }

    static Map<String, Object> argoApplication(ReleaseTarget release) {
        return ordered(
                "apiVersion", "argoproj.io/v1alpha1",
                "kind", "Application",
                "metadata", ordered("name", release.name(), "namespace", ARGO_NAMESPACE),
                "spec", ordered(
                        "project", "default",
                        "source", ordered(
                                "repoURL", release.chart().repoUrl().toString(),
                                "chart", release.chart().chart(),
                                "targetRevision", release.chart().version(),
                                "helm", ordered("releaseName", release.name(),
                                        "valuesObject", release.values())),
                        "destination", ordered("server", "https://kubernetes.default.svc",
                                "namespace", release.namespace()),
                        "syncPolicy", ordered("syncOptions", List.of("CreateNamespace=true", "ServerSideApply=true"))));
    }

    /** A Secret with a placeholder for every key, never a value; annotated with what it is for. */
    static Map<String, Object> secretTemplate(SecretTemplate secret) {
        Map<String, Object> stringData = new LinkedHashMap<>();
        secret.keys().forEach((key, source) -> stringData.put(key, source.placeholder()));
        Map<String, Object> metadata = ordered("name", secret.name(), "namespace", secret.namespace());
        if (!secret.purpose().isBlank()) {
            metadata.put("annotations", ordered("homelab-console/purpose", secret.purpose()));
        }
        return ordered(
                "apiVersion", "v1",
                "kind", "Secret",
                "metadata", metadata,
                "type", "Opaque",
                "stringData", stringData);
    }

    static Map<String, Object> kustomization(List<String> resources) {
        return ordered(
                "apiVersion", "kustomize.config.k8s.io/v1beta1",
                "kind", "Kustomization",
                "resources", resources);
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
