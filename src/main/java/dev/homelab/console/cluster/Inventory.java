package dev.homelab.console.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What monitoring runs in the cluster today, found regardless of namespace or release name: the Helm releases
 * (classified by chart), the workloads behind them, workloads that look like monitoring but belong to no release,
 * metrics-server and the storage classes. Plain records: serialised to JSON for the CLI and for the wizard.
 */
public record Inventory(Instant scannedAt, List<MonitoringRelease> releases, List<UnmanagedWorkload> unmanaged,
                        MetricsServer metricsServer, List<StorageClassInfo> storageClasses, List<String> warnings) {

    public Inventory {
        releases = List.copyOf(releases);
        unmanaged = List.copyOf(unmanaged);
        storageClasses = List.copyOf(storageClasses);
        warnings = List.copyOf(warnings);
    }

    public List<MonitoringRelease> releases(MonitoringComponent component) {
        return releases.stream().filter(r -> r.component() == component).toList();
    }

    public Optional<MonitoringRelease> release(MonitoringComponent component) {
        return releases.stream().filter(r -> r.component() == component).findFirst();
    }

    /** Found as a Helm release or as workloads without one. */
    public boolean has(MonitoringComponent component) {
        return release(component).isPresent() || unmanaged.stream().anyMatch(w -> w.component() == component);
    }

    public Optional<StorageClassInfo> defaultStorageClass() {
        return storageClasses.stream().filter(StorageClassInfo::isDefault).findFirst();
    }

    /** A Helm release the inventory recognised; {@code loki} is set only for Loki releases. */
    public record MonitoringRelease(String name, String namespace, MonitoringComponent component, String chartName,
                                    String chartVersion, String appVersion, String status, int revision,
                                    Instant lastDeployed, List<Workload> workloads, List<String> notes,
                                    LokiDetails loki) {
        public MonitoringRelease {
            workloads = List.copyOf(workloads);
            notes = List.copyOf(notes);
        }

        public boolean allReady() {
            return workloads.stream().allMatch(Workload::isReady);
        }
    }

    /** A Deployment, StatefulSet or DaemonSet, with how it was tied to its release. */
    public record Workload(String kind, String namespace, String name, int desired, @JsonProperty("ready") int ready,
                           List<String> images,
                           String matchedBy) {
        public Workload {
            images = List.copyOf(images);
        }

        @JsonIgnore
        public boolean isReady() {
            return ready >= desired;
        }
    }

    /** Monitoring workloads that no Helm release owns (applied by hand, by an operator, by GitOps...). */
    public record UnmanagedWorkload(MonitoringComponent component, Workload workload, String reason) {
    }

    /**
     * How Loki is installed. {@code chartFamily} and {@code chartFamilyReason} say which of the charts named "loki"
     * it is and how we decided; {@code deploymentModeSource} says whether the mode is set in the values or is the
     * chart's default.
     */
    public record LokiDetails(LokiChartFamily chartFamily, String chartFamilyReason, String deploymentMode,
                              String deploymentModeSource, boolean singleBinary, List<LokiSchema> schemas,
                              String currentSchema, String storageType, String s3Endpoint,
                              Map<String, String> bucketNames, boolean authEnabled, boolean bundledMinio) {
        public LokiDetails {
            schemas = List.copyOf(schemas);
            bucketNames = Map.copyOf(bucketNames);
        }
    }

    public record LokiSchema(String from, String store, String objectStore, String schema) {
    }

    public enum LokiChartFamily {
        /** grafana/loki up to 6.55.0: the open-source chart. */
        GRAFANA_OSS,
        /** grafana/loki 7.0.0 and later: maintained for Grafana Enterprise Logs only. */
        GRAFANA_ENTERPRISE,
        /** grafana-community/loki (7.0.0 … 18.x): the OSS successor. */
        GRAFANA_COMMUNITY,
        UNKNOWN
    }

    /** metrics-server: where it runs and how it was installed (k3s add-on, Helm release, manifest). */
    public record MetricsServer(boolean present, String namespace, String name, int desired, int ready, String image,
                                String installedBy) {
        public static MetricsServer absent() {
            return new MetricsServer(false, "", "", 0, 0, "", "");
        }
    }

    public record StorageClassInfo(String name, String provisioner, boolean isDefault, String reclaimPolicy,
                                   String volumeBindingMode, String kind) {
    }
}
