package dev.homelab.console.migration.decommission;

/**
 * An object Helm left behind when kube-prometheus-stack or Alloy was uninstalled, with what removing it means.
 *
 * @param remove      whether the plan removes it (safe by default, or opted in through a setting)
 * @param consequence what happens when it is removed, or why it is kept
 */
public record Leftover(String apiVersion, String kind, String namespace, String name, Category category,
                       boolean remove, String consequence) {

    public enum Category {
        KUBELET_SERVICE, ADMISSION_WEBHOOK, ADMISSION_SECRET, PROMETHEUS_CRD, ALLOY_CRD, PVC, CONVERTED_OBJECT
    }

    public String key() {
        return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
    }
}
