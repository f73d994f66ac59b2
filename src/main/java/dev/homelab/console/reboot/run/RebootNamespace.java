package dev.homelab.console.reboot.run;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The console's own namespace. The reboot pod needs hostPID and privileged, so the namespace carries the Pod Security
 * Admission "privileged" labels; nothing else runs there.
 */
public final class RebootNamespace {

    public static final String NAME = "homelab-console";
    private static final java.util.Map<String, String> PSA = java.util.Map.of(
            "pod-security.kubernetes.io/enforce", "privileged",
            "pod-security.kubernetes.io/audit", "privileged",
            "pod-security.kubernetes.io/warn", "privileged");

    private RebootNamespace() {
    }

    public static void ensure(KubernetesClient kube) {
        var existing = kube.namespaces().withName(NAME).get();
        if (existing != null && "privileged".equals(label(existing, "pod-security.kubernetes.io/enforce"))) {
            return;
        }
        if (existing == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAME)
                    .addToLabels("app.kubernetes.io/managed-by", "homelab-console").addToLabels(PSA)
                    .endMetadata().build()).create();
        } else {
            kube.namespaces().withName(NAME).edit(ns -> new NamespaceBuilder(ns).editMetadata().addToLabels(PSA)
                    .endMetadata().build());
        }
    }

    private static String label(io.fabric8.kubernetes.api.model.Namespace namespace, String key) {
        var labels = namespace.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
