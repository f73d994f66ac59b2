package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.MigrationSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds what Helm leaves after kube-prometheus-stack and Alloy are uninstalled: the monitoring.coreos.com CRDs (and
 * the custom resources of other apps that still use them), the operator's kubelet Service/Endpoints in kube-system,
 * the admission webhooks and their Secret, the Prometheus/Alertmanager PVCs, Alloy's CRDs, and VictoriaMetrics
 * objects converted from kube-prometheus-stack's rules and monitors. Read-only.
 */
public final class LeftoverScan {

    public static final String REMOVE_PVCS = "leftovers.removePvcs";
    public static final String REMOVE_CRDS = "leftovers.removeCrds";
    static final String PROMETHEUS_GROUP = "monitoring.coreos.com";
    static final String ALLOY_GROUP = "monitoring.grafana.com";
    static final String VM_GROUP = "operator.victoriametrics.com";
    static final String VM_API = VM_GROUP + "/v1beta1";
    static final String KPS_CHART = "kube-prometheus-stack";
    private static final List<String> CONVERTED_KINDS = List.of("VMRule", "VMServiceScrape", "VMPodScrape",
            "VMProbe", "VMNodeScrape", "VMStaticScrape", "VMScrapeConfig");

    private final KubernetesClient kube;
    private final boolean removePvcs;
    private final boolean removeCrds;

    public LeftoverScan(KubernetesClient kube, MigrationSettings settings) {
        this.kube = kube;
        this.removePvcs = "true".equalsIgnoreCase(settings.extra(REMOVE_PVCS).orElse("false"));
        this.removeCrds = "true".equalsIgnoreCase(settings.extra(REMOVE_CRDS).orElse("false"));
    }

    public List<Leftover> scan() {
        List<Leftover> found = new ArrayList<>();
        kubelet(found);
        admission(found);
        crds(found);
        pvcs(found);
        converted(found);
        return found;
    }

    private void kubelet(List<Leftover> found) {
        String consequence = "Left by the prometheus-operator (not by Helm); nothing reads it once the operator is gone. "
                + "Removing it only removes a duplicate kubelet target from anything still selecting it";
        for (HasMetadata service : kube.services().inNamespace("kube-system")
                .withLabel("app.kubernetes.io/managed-by", "prometheus-operator").list().getItems()) {
            if (service.getMetadata().getName().endsWith("-kubelet")) {
                found.add(leftover(service, Leftover.Category.KUBELET_SERVICE, true, consequence));
            }
        }
        for (HasMetadata endpoints : kube.endpoints().inNamespace("kube-system")
                .withLabel("app.kubernetes.io/managed-by", "prometheus-operator").list().getItems()) {
            if (endpoints.getMetadata().getName().endsWith("-kubelet")) {
                found.add(leftover(endpoints, Leftover.Category.KUBELET_SERVICE, true, consequence));
            }
        }
    }

    private void admission(List<Leftover> found) {
        String webhook = "Points at the removed operator's Service: while it exists, creating or changing a "
                + "PrometheusRule (other apps ship them) fails with a webhook error. Safe to remove";
        for (HasMetadata config : kube.admissionRegistration().v1().validatingWebhookConfigurations().list()
                .getItems()) {
            if (isAdmission(config)) {
                found.add(leftover(config, Leftover.Category.ADMISSION_WEBHOOK, true, webhook));
            }
        }
        for (HasMetadata config : kube.admissionRegistration().v1().mutatingWebhookConfigurations().list()
                .getItems()) {
            if (isAdmission(config)) {
                found.add(leftover(config, Leftover.Category.ADMISSION_WEBHOOK, true, webhook));
            }
        }
        for (HasMetadata secret : kube.secrets().inAnyNamespace().list().getItems()) {
            if (isAdmission(secret)) {
                found.add(leftover(secret, Leftover.Category.ADMISSION_SECRET, true, "The webhook's TLS "
                        + "certificate; nothing uses it without the operator. Undo recreates it without its data "
                        + "(a reinstalled kube-prometheus-stack generates a new certificate)"));
            }
        }
    }

    private static boolean isAdmission(HasMetadata object) {
        String name = object.getMetadata().getName();
        Map<String, String> labels = object.getMetadata().getLabels();
        return name.endsWith("-admission") && labels != null && name.equals(labels.get("app"));
    }

    private void crds(List<Leftover> found) {
        for (CustomResourceDefinition crd : kube.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            String group = crd.getSpec().getGroup();
            if (!PROMETHEUS_GROUP.equals(group) && !ALLOY_GROUP.equals(group)) {
                continue;
            }
            List<GenericKubernetesResource> users = customResources(crd);
            String kind = crd.getSpec().getNames().getKind();
            String usedBy = users.stream().limit(5).map(r -> (r.getMetadata().getNamespace() == null ? ""
                    : r.getMetadata().getNamespace() + "/") + r.getMetadata().getName())
                    .collect(Collectors.joining(", "));
            if (PROMETHEUS_GROUP.equals(group)) {
                String consequence = users.isEmpty()
                        ? "No " + kind + " exists now, but charts that ship monitors or rules need this CRD to "
                        + "install, and the VictoriaMetrics operator converts " + kind + "s from it. Kept unless "
                        + REMOVE_CRDS + "=true"
                        : "Still used by " + users.size() + " " + kind + "(s) of other apps (" + usedBy + "): "
                        + "removing the CRD deletes them and the VMObjects converted from them. Kept unless "
                        + REMOVE_CRDS + "=true";
                found.add(leftover(crd, Leftover.Category.PROMETHEUS_CRD, removeCrds, consequence));
            } else {
                boolean unused = users.isEmpty();
                found.add(leftover(crd, Leftover.Category.ALLOY_CRD, unused || removeCrds, unused
                        ? "Alloy's CRD with no " + kind + " left: nothing reads it. Safe to remove"
                        : "Still holds " + users.size() + " " + kind + "(s) (" + usedBy + "): removing the CRD deletes "
                        + "them. Kept unless " + REMOVE_CRDS + "=true"));
            }
        }
    }

    private List<GenericKubernetesResource> customResources(CustomResourceDefinition crd) {
        String version = crd.getSpec().getVersions().stream().filter(CustomResourceDefinitionVersion::getStorage)
                .findFirst().orElse(crd.getSpec().getVersions().get(0)).getName();
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup()).withVersion(version).withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withNamespaced("Namespaced".equals(crd.getSpec().getScope())).build();
        return kube.genericKubernetesResources(context).inAnyNamespace().list().getItems();
    }

    private void pvcs(List<Leftover> found) {
        for (PersistentVolumeClaim claim : kube.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            Map<String, String> labels = claim.getMetadata().getLabels() == null ? Map.of()
                    : claim.getMetadata().getLabels();
            String app = labels.getOrDefault("app.kubernetes.io/name", "");
            boolean operated = labels.containsKey("operator.prometheus.io/name")
                    || labels.containsKey("alertmanager") || labels.containsKey("prometheus");
            if (operated && (app.equals("prometheus") || app.equals("alertmanager"))) {
                String size = claim.getSpec() == null || claim.getSpec().getResources() == null
                        || claim.getSpec().getResources().getRequests() == null ? "?"
                        : String.valueOf(claim.getSpec().getResources().getRequests().get("storage"));
                found.add(leftover(claim, Leftover.Category.PVC, removePvcs, "The old " + app + " data (" + size
                        + "): removing it frees the disk and deletes that history for good — copy the history first. "
                        + "Undo cannot bring the data back. Kept unless " + REMOVE_PVCS + "=true"));
            }
        }
    }

    private void converted(List<Leftover> found) {
        for (String kind : CONVERTED_KINDS) {
            List<GenericKubernetesResource> objects;
            try {
                objects = resources(kube, VM_API, kind).inAnyNamespace().list().getItems();
            } catch (RuntimeException e) {
                continue;
            }
            for (GenericKubernetesResource object : objects) {
                Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of()
                        : object.getMetadata().getLabels();
                if (KPS_CHART.equals(labels.get("app.kubernetes.io/part-of"))
                        || labels.getOrDefault("chart", "").startsWith(KPS_CHART + "-")) {
                    found.add(leftover(object, Leftover.Category.CONVERTED_OBJECT, true, "Converted from "
                            + "kube-prometheus-stack's " + kind.substring(2) + " and still labelled with its release: "
                            + "victoria-metrics-k8s-stack brings its own rules and scrapes, so this one only doubles "
                            + "alerts or targets. Safe to remove"));
                }
            }
        }
    }

    /** Generic access that also works for VictoriaMetrics' kinds without API discovery (plural = kind + "s"). */
    static io.fabric8.kubernetes.client.dsl.MixedOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> resources(
            KubernetesClient kube, String apiVersion, String kind) {
        if (!apiVersion.startsWith(VM_GROUP + "/")) {
            return kube.genericKubernetesResources(apiVersion, kind);
        }
        return kube.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(VM_GROUP)
                .withVersion(apiVersion.substring(VM_GROUP.length() + 1)).withKind(kind)
                .withPlural(kind.toLowerCase(java.util.Locale.ROOT) + "s").withNamespaced(true).build());
    }

    private static Leftover leftover(HasMetadata object, Leftover.Category category, boolean remove,
                                     String consequence) {
        String apiVersion = object.getApiVersion() != null ? object.getApiVersion()
                : HasMetadata.getApiVersion(object.getClass());
        String kind = object.getKind() != null ? object.getKind() : HasMetadata.getKind(object.getClass());
        return new Leftover(apiVersion, kind, object.getMetadata().getNamespace(),
                object.getMetadata().getName(), category, remove, consequence);
    }
}
