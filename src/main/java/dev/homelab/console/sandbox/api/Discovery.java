package dev.homelab.console.sandbox.api;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API discovery as a k3s API server answers it: the built-in groups, metrics.k8s.io while metrics-server runs, and
 * the groups of the CustomResourceDefinitions that exist. The CRUD mock answers any unknown path with an empty list,
 * which would make every group look served.
 */
final class Discovery {

    static final String METRICS_GROUP = "metrics.k8s.io";

    /** group -> version -> resources (name, kind, namespaced). */
    private static final Map<String, Map<String, List<String[]>>> BUILT_IN = new LinkedHashMap<>();

    static {
        builtIn("", "v1", "pods:Pod:n", "nodes:Node:c", "namespaces:Namespace:c", "services:Service:n",
                "endpoints:Endpoints:n", "secrets:Secret:n", "configmaps:ConfigMap:n", "events:Event:n",
                "persistentvolumeclaims:PersistentVolumeClaim:n", "persistentvolumes:PersistentVolume:c",
                "serviceaccounts:ServiceAccount:n", "pods/log:Pod:n", "pods/eviction:Eviction:n",
                "pods/portforward:PodPortForwardOptions:n", "nodes/proxy:NodeProxyOptions:c",
                "services/proxy:ServiceProxyOptions:n");
        builtIn("apps", "v1", "deployments:Deployment:n", "statefulsets:StatefulSet:n", "daemonsets:DaemonSet:n",
                "replicasets:ReplicaSet:n");
        builtIn("batch", "v1", "jobs:Job:n", "cronjobs:CronJob:n");
        builtIn("policy", "v1", "poddisruptionbudgets:PodDisruptionBudget:n");
        builtIn("rbac.authorization.k8s.io", "v1", "roles:Role:n", "rolebindings:RoleBinding:n",
                "clusterroles:ClusterRole:c", "clusterrolebindings:ClusterRoleBinding:c");
        builtIn("storage.k8s.io", "v1", "storageclasses:StorageClass:c", "csidrivers:CSIDriver:c");
        builtIn("networking.k8s.io", "v1", "ingresses:Ingress:n", "networkpolicies:NetworkPolicy:n");
        builtIn("coordination.k8s.io", "v1", "leases:Lease:n");
        builtIn("apiextensions.k8s.io", "v1", "customresourcedefinitions:CustomResourceDefinition:c");
        builtIn("authorization.k8s.io", "v1", "selfsubjectaccessreviews:SelfSubjectAccessReview:c",
                "selfsubjectrulesreviews:SelfSubjectRulesReview:n");
        builtIn("authentication.k8s.io", "v1", "selfsubjectreviews:SelfSubjectReview:c");
        builtIn("events.k8s.io", "v1", "events:Event:n");
        builtIn("discovery.k8s.io", "v1", "endpointslices:EndpointSlice:n");
        builtIn("helm.cattle.io", "v1", "helmcharts:HelmChart:n", "helmchartconfigs:HelmChartConfig:n");
        builtIn("k3s.cattle.io", "v1", "addons:Addon:n", "etcdsnapshotfiles:ETCDSnapshotFile:c");
        builtIn(METRICS_GROUP, "v1beta1", "nodes:NodeMetrics:c", "pods:PodMetrics:n");
    }

    private Discovery() {
    }

    private static void builtIn(String group, String version, String... resources) {
        List<String[]> list = new ArrayList<>();
        for (String r : resources) {
            list.add(r.split(":"));
        }
        BUILT_IN.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(version, list);
    }

    static APIGroupList groups(boolean metricsServed, List<CustomResourceDefinition> crds) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        BUILT_IN.forEach((group, versions) -> {
            if (!group.isEmpty() && (metricsServed || !group.equals(METRICS_GROUP))) {
                groups.put(group, new ArrayList<>(versions.keySet()));
            }
        });
        for (CustomResourceDefinition crd : crds) {
            List<String> versions = groups.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>());
            for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                if (Boolean.TRUE.equals(v.getServed()) && !versions.contains(v.getName())) {
                    versions.add(v.getName());
                }
            }
        }
        List<APIGroup> list = new ArrayList<>();
        groups.forEach((name, versions) -> list.add(group(name, versions)));
        return new APIGroupListBuilder().withGroups(list).build();
    }

    static Optional<APIGroup> group(String name, boolean metricsServed, List<CustomResourceDefinition> crds) {
        return groups(metricsServed, crds).getGroups().stream().filter(g -> g.getName().equals(name)).findFirst();
    }

    private static APIGroup group(String name, List<String> versions) {
        List<GroupVersionForDiscovery> gv = versions.stream()
                .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
        return new APIGroupBuilder().withName(name).withVersions(gv).withPreferredVersion(gv.get(0)).build();
    }

    /** Resources of a built-in group version, or empty when the group is not built in (CRD groups go to CRUD). */
    static Optional<APIResourceList> builtInResources(String group, String version) {
        Map<String, List<String[]>> versions = BUILT_IN.get(group);
        if (versions == null || !versions.containsKey(version)) {
            return Optional.empty();
        }
        List<APIResource> resources = new ArrayList<>();
        for (String[] r : versions.get(version)) {
            List<String> verbs = r[0].contains("/") ? List.of("get", "create")
                    : METRICS_GROUP.equals(group) ? List.of("get", "list")
                    : List.of("create", "delete", "get", "list", "patch", "update", "watch");
            resources.add(new APIResourceBuilder().withName(r[0]).withKind(r[1]).withNamespaced(r[2].equals("n"))
                    .withSingularName("").withVerbs(verbs).build());
        }
        String groupVersion = group.isEmpty() ? version : group + "/" + version;
        return Optional.of(new APIResourceListBuilder().withGroupVersion(groupVersion).withResources(resources).build());
    }

    static boolean isBuiltInGroup(String group) {
        return BUILT_IN.containsKey(group);
    }
}
