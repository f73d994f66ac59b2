package dev.homelab.console.sandbox;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.sandbox.charts.Chart;
import dev.homelab.console.sandbox.charts.ChartContext;
import dev.homelab.console.sandbox.charts.PrometheusConverter;
import dev.homelab.console.sandbox.charts.Rendering;
import dev.homelab.console.sandbox.charts.Values;
import dev.homelab.console.sandbox.charts.VictoriaMetricsK8sStackChart;
import dev.homelab.console.sandbox.charts.Yaml;
import dev.homelab.console.sandbox.cluster.Placement;
import dev.homelab.console.sandbox.cluster.ReleaseIdentity;
import dev.homelab.console.sandbox.cluster.WorkloadInstaller;
import dev.homelab.console.sandbox.cluster.WorkloadSpec;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a chart's rendering to the mock cluster the way Helm plus the cluster's controllers would, and keeps the
 * release history in Helm's release Secrets. Remembers what each release created so upgrades replace only what
 * changed and uninstalls remove exactly the release's objects (and leave what real uninstalls leave).
 */
final class ReleaseDeployer {

    private final LabWorld world;
    private final Map<String, Footprint> footprints = new LinkedHashMap<>();

    ReleaseDeployer(LabWorld world) {
        this.world = world;
    }

    /** Result of one deploy: the stored release revision and the pods that still have to become Ready. */
    record Deployed(HelmRelease release, List<Pod> startingPods) {
    }

    synchronized Deployed deploy(Chart chart, ReleaseIdentity identity, Map<String, Object> values, int revision,
                                 String description, boolean startReady) {
        return deploy(chart, identity, values, revision, description, startReady, null);
    }

    /** {@code placement}: shared by a batch of deploys (the lab's start-up), or null to look at the cluster now. */
    synchronized Deployed deploy(Chart chart, ReleaseIdentity identity, Map<String, Object> values, int revision,
                                 String description, boolean startReady, Placement placement) {
        KubernetesClient kube = world.kube();
        String ns = identity.namespace();
        ensureNamespace(kube, ns);
        Rendering rendering = chart.render(context(identity, values));
        for (HasMetadata crd : rendering.crds()) {
            createIfAbsent(kube, crd);
        }
        for (HasMetadata leftover : rendering.leftovers()) {
            if (leftover.getMetadata().getNamespace() == null) {
                leftover.getMetadata().setNamespace(ns);
            }
            ensureNamespace(kube, leftover.getMetadata().getNamespace());
            createIfAbsent(kube, leftover);
        }
        Footprint old = footprints.getOrDefault(key(ns, identity.name()), new Footprint());
        Footprint current = new Footprint();
        List<Pod> starting = new ArrayList<>();
        List<HasMetadata> manifest = new ArrayList<>();
        for (HasMetadata object : rendering.objects()) {
            object.getMetadata().setNamespace(object.getMetadata().getNamespace() == null
                    ? ns : object.getMetadata().getNamespace());
            stampHelm(object, identity);
            current.objects.add(kube.resource(object).createOr(o -> o.update()));
            manifest.add(object);
        }
        Placement where = placement != null ? placement : world.installer().placement();
        for (WorkloadSpec spec : rendering.workloads()) {
            InstalledWorkload previous = old.workloads.remove(spec.name());
            InstalledWorkload installed;
            if (previous != null && previous.spec.equals(spec)) {
                installed = previous;
            } else {
                if (previous != null) {
                    delete(kube, previous);
                }
                boolean ready = startReady && !world.neverReady(spec);
                WorkloadInstaller.Installed result = world.installer().install(spec, ns, Optional.of(identity),
                        ready, where);
                installed = new InstalledWorkload(spec, result.objects(), result.pods());
                if (!ready) {
                    starting.addAll(result.pods().stream().filter(p -> p.getSpec().getNodeName() != null)
                            .filter(p -> !world.neverReady(spec)).toList());
                }
            }
            current.workloads.put(spec.name(), installed);
            if (spec.inManifest()) {
                manifest.addAll(installed.objects.stream().filter(o -> !"ReplicaSet".equals(o.getKind())).toList());
            }
        }
        old.workloads.values().forEach(w -> delete(kube, w));
        for (HasMetadata stale : old.objects) {
            if (current.objects.stream().noneMatch(o -> sameObject(o, stale))) {
                deleteQuietly(kube, stale);
            }
        }
        footprints.put(key(ns, identity.name()), current);
        if (chart instanceof VictoriaMetricsK8sStackChart && PrometheusConverter.enabled(new Values(values))) {
            PrometheusConverter.convertAll(kube, new Values(values));
        }
        String status = startReady ? "deployed" : revision == 1 ? "pending-install" : "pending-upgrade";
        HelmRelease release = new HelmRelease(identity.name(), ns, revision, status, chart.name(),
                identity.version(), identity.appVersion().isEmpty() ? chart.appVersion() : identity.appVersion(),
                values, manifest(manifest), world.clock().instant(), description);
        if (startReady) {
            supersedeEarlier(kube, release);
        }
        kube.resource(HelmReleaseSecrets.encode(release)).createOr(s -> s.update());
        return new Deployed(release, starting);
    }

    /** Deletes what the release created and its history; CRDs and operator/hook leftovers stay. */
    synchronized void remove(String namespace, String name) {
        KubernetesClient kube = world.kube();
        Footprint footprint = footprints.remove(key(namespace, name));
        if (footprint != null) {
            footprint.workloads.values().forEach(w -> delete(kube, w));
            footprint.objects.forEach(o -> deleteQuietly(kube, o));
            PrometheusConverter.collectOrphans(kube, footprint.objects.stream()
                    .map(o -> o.getMetadata().getUid()).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.toSet()));
        }
        kube.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name).delete();
        world.installer().syncEndpoints(namespace);
    }

    synchronized boolean installedHere(String namespace, String name) {
        return footprints.containsKey(key(namespace, name));
    }

    /** The pending revision is now deployed: the earlier deployed one becomes superseded, like Helm's storage. */
    synchronized HelmRelease markDeployed(HelmRelease pending) {
        HelmRelease deployed = withStatus(pending, "deployed", pending.description());
        supersedeEarlier(world.kube(), deployed);
        world.kube().resource(HelmReleaseSecrets.encode(deployed)).update();
        return deployed;
    }

    /** The revision failed (timeout, interrupted): stored as failed with Helm's description. */
    synchronized HelmRelease markFailed(HelmRelease pending, String reason) {
        String verb = pending.revision() == 1 ? "Release \"" + pending.name() + "\" failed: "
                : "Upgrade \"" + pending.name() + "\" failed: ";
        HelmRelease failed = withStatus(pending, "failed", verb + reason);
        world.kube().resource(HelmReleaseSecrets.encode(failed)).update();
        return failed;
    }

    /** All pods the release's workloads own now (for --wait). */
    synchronized List<Pod> pods(String namespace, String name) {
        Footprint footprint = footprints.get(key(namespace, name));
        if (footprint == null) {
            return List.of();
        }
        return footprint.workloads.values().stream().flatMap(w -> w.pods.stream()).toList();
    }

    /** What {@code helm template} prints: the chart's objects and workloads, nothing created. */
    String template(Chart chart, ReleaseIdentity identity, Map<String, Object> values) {
        Rendering rendering = chart.render(context(identity, values));
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata object : rendering.objects()) {
            if (object.getMetadata().getNamespace() == null) {
                object.getMetadata().setNamespace(identity.namespace());
            }
            stampHelm(object, identity);
            objects.add(object);
        }
        for (WorkloadSpec spec : rendering.workloads()) {
            if (spec.inManifest()) {
                objects.addAll(WorkloadInstaller.rendered(spec, identity.namespace(), identity));
            }
        }
        return manifest(objects);
    }

    private static HelmRelease withStatus(HelmRelease r, String status, String description) {
        return new HelmRelease(r.name(), r.namespace(), r.revision(), status, r.chartName(), r.chartVersion(),
                r.appVersion(), r.values(), r.manifest(), r.lastDeployed(), description);
    }

    private void supersedeEarlier(KubernetesClient kube, HelmRelease release) {
        for (HelmRelease earlier : HelmReleaseSecrets.history(kube, release.namespace(), release.name())) {
            if (earlier.deployed() && earlier.revision() != release.revision()) {
                HelmRelease superseded = new HelmRelease(earlier.name(), earlier.namespace(), earlier.revision(),
                        "superseded", earlier.chartName(), earlier.chartVersion(), earlier.appVersion(),
                        earlier.values(), earlier.manifest(), earlier.lastDeployed(), earlier.description());
                kube.resource(HelmReleaseSecrets.encode(superseded)).update();
            }
        }
    }

    private ChartContext context(ReleaseIdentity identity, Map<String, Object> values) {
        return new ChartContext(identity, values, world.scenario().nodes(), world.scenario().minio(), world.scenarioFaults());
    }

    private static void delete(KubernetesClient kube, InstalledWorkload workload) {
        for (HasMetadata object : workload.objects) {
            deleteQuietly(kube, object);
        }
        for (Pod pod : workload.pods) {
            deleteQuietly(kube, pod);
        }
        String ns = workload.objects.get(0).getMetadata().getNamespace();
        for (WorkloadSpec.ServiceSpec service : workload.spec.services()) {
            kube.endpoints().inNamespace(ns).withName(service.name()).delete();
        }
    }

    static void deleteQuietly(KubernetesClient kube, HasMetadata object) {
        try {
            kube.resource(object).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    static void createIfAbsent(KubernetesClient kube, HasMetadata object) {
        try {
            kube.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    static void ensureNamespace(KubernetesClient kube, String namespace) {
        createIfAbsent(kube, new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("kubernetes.io/metadata.name", namespace).endMetadata().build());
    }

    private static void stampHelm(HasMetadata object, ReleaseIdentity identity) {
        Map<String, String> labels = new LinkedHashMap<>(identity.labels());
        if (object.getMetadata().getLabels() != null) {
            labels.putAll(object.getMetadata().getLabels());
        }
        object.getMetadata().setLabels(labels);
        Map<String, String> annotations = new LinkedHashMap<>(identity.annotations());
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        object.getMetadata().setAnnotations(annotations);
    }

    static String manifest(List<HasMetadata> objects) {
        StringBuilder text = new StringBuilder();
        for (HasMetadata object : objects) {
            Map<?, ?> tree = Json.JSON.convertValue(object, Map.class);
            Map<String, Object> clean = new LinkedHashMap<>();
            tree.forEach((k, v) -> {
                if (!"status".equals(k)) {
                    clean.put(k.toString(), v);
                }
            });
            if (clean.get("metadata") instanceof Map<?, ?> meta) {
                Map<String, Object> m = new LinkedHashMap<>();
                meta.forEach((k, v) -> {
                    if (!List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")
                            .contains(k.toString())) {
                        m.put(k.toString(), v);
                    }
                });
                clean.put("metadata", m);
            }
            text.append("---\n# Source: ").append(source(object)).append('\n')
                    .append(Yaml.MAPPER.writeValueAsString(clean));
        }
        return text.toString();
    }

    private static String source(HasMetadata object) {
        return "templates/" + object.getKind().toLowerCase() + "-" + object.getMetadata().getName() + ".yaml";
    }

    private static boolean sameObject(HasMetadata a, HasMetadata b) {
        return a.getKind().equals(b.getKind()) && a.getMetadata().getName().equals(b.getMetadata().getName())
                && Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static final class Footprint {
        final List<HasMetadata> objects = new ArrayList<>();
        final Map<String, InstalledWorkload> workloads = new LinkedHashMap<>();
    }

    private record InstalledWorkload(WorkloadSpec spec, List<HasMetadata> objects, List<Pod> pods) {
    }
}
