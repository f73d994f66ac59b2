package dev.homelab.console.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One thing the console must be allowed to do: verb on group/resource(/subresource) in a namespace (null = all
 * namespaces or cluster-scoped), and why the migration needs it.
 */
public record PermissionRequirement(String verb, String group, String resource, String subresource, String namespace,
                                    String neededFor) {

    /** Where the console keeps its journal (ConfigMap), lock (Lease) and reboot helper pods. */
    public static final String APP_NAMESPACE = "homelab-console";

    public PermissionRequirement {
        group = group == null ? "" : group;
        subresource = subresource == null ? "" : subresource;
    }

    /** "list nodes", "create pods/portforward in loki", "get metrics.k8s.io/nodes". */
    public String describe() {
        String what = (group.isEmpty() ? "" : group + "/") + resource + (subresource.isEmpty() ? "" : "/" + subresource);
        return verb + " " + what + (namespace == null ? "" : " in " + namespace);
    }

    /**
     * Everything the migration needs, for the namespaces it will write to ({@code monitoring} and the namespaces
     * of the releases it keeps or removes, e.g. {@code loki}); {@link #APP_NAMESPACE} is always included.
     */
    public static List<PermissionRequirement> forMigration(Collection<String> targetNamespaces) {
        Set<String> namespaces = new LinkedHashSet<>(targetNamespaces);
        namespaces.remove(APP_NAMESPACE);
        List<PermissionRequirement> list = new ArrayList<>();
        list.add(of("list", "", "nodes", null, "the node overview"));
        list.add(of("watch", "", "nodes", null, "keeping the node table live"));
        list.add(of("get", "metrics.k8s.io", "nodes", null, "node usage from metrics-server"));
        list.add(of("list", "", "pods", null, "workloads behind each release, pod usage"));
        list.add(of("list", "", "secrets", null, "reading Helm releases (inventory)"));
        list.add(of("list", "storage.k8s.io", "storageclasses", null, "choosing storage for VictoriaMetrics"));
        list.add(of("list", "apiextensions.k8s.io", "customresourcedefinitions", null,
                "finding operator CRDs (VictoriaMetrics, Prometheus)"));
        list.add(of("create", "", "namespaces", null, "creating the target namespaces"));
        list.add(of("create", "apiextensions.k8s.io", "customresourcedefinitions", null,
                "installing the VictoriaMetrics operator CRDs"));
        list.add(of("delete", "apiextensions.k8s.io", "customresourcedefinitions", null,
                "removing kube-prometheus-stack CRDs (decommission)"));
        list.add(of("create", "rbac.authorization.k8s.io", "clusterroles", null, "Helm installs of vmagent/Vector"));
        list.add(of("create", "rbac.authorization.k8s.io", "clusterrolebindings", null,
                "Helm installs of vmagent/Vector"));
        list.add(of("create", "admissionregistration.k8s.io", "validatingwebhookconfigurations", null,
                "the VictoriaMetrics operator's admission webhook"));
        list.add(of("patch", "", "nodes", null, "cordon/uncordon during the reboot test"));
        for (String ns : namespaces) {
            String helm = "Helm release storage in " + ns;
            for (String verb : List.of("get", "list", "create", "update", "delete")) {
                list.add(of(verb, "", "secrets", ns, helm));
            }
            list.add(of("create", "", "services", ns, "Helm installs in " + ns));
            list.add(of("create", "", "configmaps", ns, "Helm installs in " + ns));
            for (String kind : List.of("deployments", "daemonsets", "statefulsets")) {
                list.add(of("create", "apps", kind, ns, "Helm installs in " + ns));
                list.add(of("delete", "apps", kind, ns, "decommissioning releases in " + ns));
            }
            list.add(new PermissionRequirement("create", "", "pods", "portforward", ns,
                    "reaching services in " + ns + " from this computer"));
        }
        list.add(of("create", "", "configmaps", APP_NAMESPACE, "the migration journal"));
        list.add(of("update", "", "configmaps", APP_NAMESPACE, "the migration journal"));
        list.add(of("create", "coordination.k8s.io", "leases", APP_NAMESPACE, "the migration lock"));
        list.add(of("update", "coordination.k8s.io", "leases", APP_NAMESPACE, "the migration lock"));
        list.add(of("create", "", "pods", APP_NAMESPACE, "the privileged reboot helper pod"));
        list.add(of("delete", "", "pods", APP_NAMESPACE, "cleaning up the reboot helper pod"));
        return list;
    }

    private static PermissionRequirement of(String verb, String group, String resource, String namespace,
                                            String why) {
        return new PermissionRequirement(verb, group, resource, "", namespace, why);
    }
}
