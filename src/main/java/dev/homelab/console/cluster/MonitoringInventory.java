package dev.homelab.console.cluster;

import dev.homelab.console.cluster.Inventory.MetricsServer;
import dev.homelab.console.cluster.Inventory.MonitoringRelease;
import dev.homelab.console.cluster.Inventory.StorageClassInfo;
import dev.homelab.console.cluster.Inventory.UnmanagedWorkload;
import dev.homelab.console.cluster.Inventory.Workload;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what monitoring runs today, regardless of namespace or release name: Helm releases read from Helm's own
 * release Secrets (so it works on any cluster Helm 3 manages, and on the sandbox) classified by chart name, the
 * workloads behind each release (labels {@code app.kubernetes.io/instance} / {@code release}, or Helm's
 * {@code meta.helm.sh/release-name} annotation), monitoring workloads no release owns, metrics-server and the
 * storage classes. About eight list requests in all.
 */
public final class MonitoringInventory {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringInventory.class);
    private static final String INSTANCE = "app.kubernetes.io/instance";
    private static final String RELEASE_NAME = "meta.helm.sh/release-name";
    private static final String RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";

    private final KubernetesClient kube;
    private final Clock clock;

    public MonitoringInventory(KubernetesClient kube) {
        this(kube, Clock.systemUTC());
    }

    MonitoringInventory(KubernetesClient kube, Clock clock) {
        this.kube = kube;
        this.clock = clock;
    }

    public Inventory scan(Progress progress) throws ConnectionFailedException {
        String server = kube.getConfiguration().getMasterUrl();
        List<String> warnings = new ArrayList<>();
        try {
            progress.update("Reading Helm releases", 0.1);
            List<HelmRelease> helmReleases = HelmReleaseSecrets.latestReleases(kube);
            progress.checkCancelled();
            progress.update("Reading workloads", 0.4);
            List<HasMetadata> workloads = new ArrayList<>();
            workloads.addAll(kube.apps().deployments().inAnyNamespace().list().getItems());
            workloads.addAll(kube.apps().statefulSets().inAnyNamespace().list().getItems());
            workloads.addAll(kube.apps().daemonSets().inAnyNamespace().list().getItems());
            progress.checkCancelled();

            Set<HasMetadata> claimed = new HashSet<>();
            List<MonitoringRelease> releases = new ArrayList<>();
            for (HelmRelease release : helmReleases) {
                Optional<MonitoringComponent> component = MonitoringComponent.ofChart(release.chartName());
                if (component.isEmpty()) {
                    continue;
                }
                List<Workload> owned = new ArrayList<>();
                for (HasMetadata workload : workloads) {
                    String matchedBy = matchRelease(workload, release);
                    if (matchedBy != null) {
                        claimed.add(workload);
                        owned.add(workload(workload, matchedBy));
                    }
                }
                owned.sort(Comparator.comparing(Workload::kind).thenComparing(Workload::name));
                releases.add(classify(release, component.get(), owned, warnings));
            }
            releases.sort(Comparator.comparing(MonitoringRelease::component).thenComparing(MonitoringRelease::name));

            List<UnmanagedWorkload> unmanaged = new ArrayList<>();
            for (HasMetadata workload : workloads) {
                if (!claimed.contains(workload) && !isMetricsServer(workload)) {
                    unmanagedComponent(workload).ifPresent(c -> unmanaged.add(new UnmanagedWorkload(c,
                            workload(workload, "labels"), "no Helm release owns it (label "
                            + appName(workload) + ")")));
                }
            }
            progress.update("Reading storage classes", 0.8);
            List<StorageClassInfo> storage = storageClasses();
            MetricsServer metricsServer = metricsServer(workloads, claimed);
            progress.update("Inventory complete", 1.0);
            LOG.info("Inventory: {} monitoring releases, {} unmanaged workloads, metrics-server {}",
                    releases.size(), unmanaged.size(), metricsServer.present() ? "present" : "absent");
            return new Inventory(clock.instant(), releases, unmanaged, metricsServer, storage, warnings);
        } catch (KubernetesClientException e) {
            throw ConnectionProblems.failure(e, server);
        }
    }

    private MonitoringRelease classify(HelmRelease release, MonitoringComponent component, List<Workload> workloads,
                                       List<String> warnings) {
        List<String> notes = new ArrayList<>();
        Inventory.LokiDetails loki = null;
        Map<String, Object> values = release.values();
        switch (component) {
            case KUBE_PROMETHEUS_STACK -> {
                Object grafana = LokiReleaseReader.map(values.get("grafana")).get("enabled");
                if (grafana == null || Boolean.parseBoolean(String.valueOf(grafana))) {
                    notes.add("bundles Grafana as a subchart (grafana.enabled is "
                            + (grafana == null ? "the chart default, true" : "true")
                            + "): uninstalling this release removes that Grafana");
                }
            }
            case LOKI -> loki = LokiReleaseReader.read(release, chartMetadata(release, warnings));
            default -> {
            }
        }
        if (!release.deployed()) {
            notes.add("latest revision is " + release.status() + ", not deployed");
        }
        if (workloads.isEmpty()) {
            notes.add("no Deployment, StatefulSet or DaemonSet found for this release");
        }
        return new MonitoringRelease(release.name(), release.namespace(), component, release.chartName(),
                release.chartVersion(), release.appVersion(), release.status(), release.revision(),
                release.lastDeployed(), workloads, notes, loki);
    }

    private Map<String, Object> chartMetadata(HelmRelease release, List<String> warnings) {
        String secretName = "sh.helm.release.v1." + release.name() + ".v" + release.revision();
        try {
            Secret secret = kube.secrets().inNamespace(release.namespace()).withName(secretName).get();
            return secret == null ? Map.of() : HelmReleaseSecrets.chartMetadata(secret);
        } catch (RuntimeException e) {
            warnings.add("Chart metadata of " + release.namespace() + "/" + release.name() + " unreadable: "
                    + Redaction.scrub(e.getMessage()));
            return Map.of();
        }
    }

    /** How the workload belongs to the release, or null. */
    static String matchRelease(HasMetadata workload, HelmRelease release) {
        Map<String, String> labels = labels(workload);
        Map<String, String> annotations = workload.getMetadata().getAnnotations() == null
                ? Map.of() : workload.getMetadata().getAnnotations();
        String namespace = workload.getMetadata().getNamespace();
        if (release.name().equals(annotations.get(RELEASE_NAME))
                && release.namespace().equals(annotations.getOrDefault(RELEASE_NAMESPACE, namespace))) {
            return "annotation " + RELEASE_NAME;
        }
        if (!release.namespace().equals(namespace)) {
            return null;
        }
        if (release.name().equals(labels.get(INSTANCE))) {
            return "label " + INSTANCE;
        }
        if (release.name().equals(labels.get("release"))) {
            return "label release";
        }
        // prometheus-operator names its StatefulSets' instance after the CR ("<release>-prometheus")
        String instance = labels.getOrDefault(INSTANCE, "");
        if ("prometheus-operator".equals(labels.get("app.kubernetes.io/managed-by"))
                && instance.startsWith(release.name() + "-")) {
            return "created by this release's prometheus-operator (label " + INSTANCE + "=" + instance + ")";
        }
        return null;
    }

    private static Optional<MonitoringComponent> unmanagedComponent(HasMetadata workload) {
        return MonitoringComponent.ofWorkloadName(appName(workload));
    }

    private static String appName(HasMetadata workload) {
        Map<String, String> labels = labels(workload);
        String name = labels.get("app.kubernetes.io/name");
        if (name == null) {
            name = labels.get("app");
        }
        return name == null ? labels.getOrDefault("k8s-app", "") : name;
    }

    private static boolean isMetricsServer(HasMetadata workload) {
        return workload instanceof Deployment && ("metrics-server".equals(workload.getMetadata().getName())
                || "metrics-server".equals(labels(workload).get("k8s-app"))
                || "metrics-server".equals(labels(workload).get("app.kubernetes.io/name")));
    }

    private static MetricsServer metricsServer(List<HasMetadata> workloads, Set<HasMetadata> claimed) {
        return workloads.stream().filter(MonitoringInventory::isMetricsServer).findFirst().map(w -> {
            Workload info = workload(w, "name");
            Map<String, String> annotations = w.getMetadata().getAnnotations() == null
                    ? Map.of() : w.getMetadata().getAnnotations();
            String installedBy;
            if (annotations.containsKey(RELEASE_NAME)) {
                installedBy = "Helm release " + annotations.get(RELEASE_NAME);
            } else if (labels(w).keySet().stream().anyMatch(k -> k.startsWith("objectset.rio.cattle.io"))
                    || annotations.keySet().stream().anyMatch(k -> k.startsWith("objectset.rio.cattle.io"))) {
                installedBy = "k3s packaged add-on";
            } else {
                installedBy = "manifest";
            }
            return new MetricsServer(true, info.namespace(), info.name(), info.desired(), info.ready(),
                    info.images().isEmpty() ? "" : info.images().get(0), installedBy);
        }).orElse(MetricsServer.absent());
    }

    private List<StorageClassInfo> storageClasses() {
        List<StorageClassInfo> list = new ArrayList<>();
        for (StorageClass sc : kube.storage().v1().storageClasses().list().getItems()) {
            Map<String, String> annotations = sc.getMetadata().getAnnotations() == null
                    ? Map.of() : sc.getMetadata().getAnnotations();
            boolean isDefault = "true".equals(annotations.get("storageclass.kubernetes.io/is-default-class"))
                    || "true".equals(annotations.get("storageclass.beta.kubernetes.io/is-default-class"));
            String provisioner = sc.getProvisioner() == null ? "" : sc.getProvisioner();
            String kind = provisioner.contains("local-path") ? "local-path"
                    : provisioner.contains("longhorn") ? "longhorn" : "other";
            list.add(new StorageClassInfo(sc.getMetadata().getName(), provisioner, isDefault,
                    sc.getReclaimPolicy() == null ? "" : sc.getReclaimPolicy(),
                    sc.getVolumeBindingMode() == null ? "" : sc.getVolumeBindingMode(), kind));
        }
        list.sort(Comparator.comparing(StorageClassInfo::name));
        return list;
    }

    static Workload workload(HasMetadata w, String matchedBy) {
        int desired;
        int ready;
        PodSpec spec;
        if (w instanceof Deployment d) {
            desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null
                    ? 0 : d.getStatus().getReadyReplicas();
            spec = d.getSpec() == null || d.getSpec().getTemplate() == null ? null : d.getSpec().getTemplate().getSpec();
        } else if (w instanceof StatefulSet s) {
            desired = s.getSpec() == null || s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
            ready = s.getStatus() == null || s.getStatus().getReadyReplicas() == null
                    ? 0 : s.getStatus().getReadyReplicas();
            spec = s.getSpec() == null || s.getSpec().getTemplate() == null ? null : s.getSpec().getTemplate().getSpec();
        } else if (w instanceof DaemonSet ds) {
            desired = ds.getStatus() == null || ds.getStatus().getDesiredNumberScheduled() == null
                    ? 0 : ds.getStatus().getDesiredNumberScheduled();
            ready = ds.getStatus() == null || ds.getStatus().getNumberReady() == null
                    ? 0 : ds.getStatus().getNumberReady();
            spec = ds.getSpec() == null || ds.getSpec().getTemplate() == null
                    ? null : ds.getSpec().getTemplate().getSpec();
        } else {
            throw new IllegalArgumentException("Not a workload: " + w.getKind());
        }
        List<String> images = spec == null || spec.getContainers() == null ? List.of()
                : spec.getContainers().stream().map(Container::getImage).filter(i -> i != null).toList();
        return new Workload(w.getKind() == null ? w.getClass().getSimpleName() : w.getKind(),
                w.getMetadata().getNamespace(), w.getMetadata().getName(), desired, ready, images, matchedBy);
    }

    private static Map<String, String> labels(HasMetadata w) {
        return w.getMetadata().getLabels() == null ? Map.of() : w.getMetadata().getLabels();
    }
}
