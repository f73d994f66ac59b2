package dev.homelab.console.migration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user chose for the migration (never a secret; secrets come from {@link SecretsProvider}).
 * Stored in the journal so that a resumed migration continues with the same choices. Unset optional values
 * ({@code null}) mean "detect from the cluster". Step-specific choices that do not deserve a field go into
 * {@link #extra()} under a key prefixed with the step id ({@code "vector-agent.bufferSize"}).
 */
public record MigrationSettings(
        String monitoringNamespace,
        String vmReleaseName,
        String storageClass,
        String vmsingleStorageSize,
        String vmsingleRetention,
        String vmagentBufferMaxDiskUsage,
        String pushoverSecretName,
        PushoverSecretSource pushoverSecretSource,
        String logsNamespace,
        String vectorReleaseName,
        String s3Endpoint,
        List<String> s3Buckets,
        Map<String, String> extra) {

    /** Where the Pushover token and user key come from. */
    public enum PushoverSecretSource {
        /** ALERTMANAGER_PUSHOVER_TOKEN and PUSHOVER_USER_KEY of the console's environment. */
        ENVIRONMENT,
        /** Typed by the user into masked fields; kept in memory only. */
        ENTERED,
        /** A Secret that already exists in the cluster (named {@code pushoverSecretName}). */
        EXISTING_SECRET
    }

    public MigrationSettings {
        s3Buckets = s3Buckets == null ? List.of("loki-data", "loki-chunks") : List.copyOf(s3Buckets);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
        pushoverSecretSource = pushoverSecretSource == null ? PushoverSecretSource.ENVIRONMENT : pushoverSecretSource;
    }

    public static MigrationSettings defaults() {
        return new MigrationSettings("monitoring", "vmks", null, "20Gi", "14d", "2GiB", "alertmanager-pushover",
                PushoverSecretSource.ENVIRONMENT, null, "vector", null, List.of("loki-data", "loki-chunks"), Map.of());
    }

    public Optional<String> storageClassChoice() {
        return Optional.ofNullable(storageClass).filter(s -> !s.isBlank());
    }

    public Optional<String> s3EndpointOverride() {
        return Optional.ofNullable(s3Endpoint).filter(s -> !s.isBlank());
    }

    public Optional<String> extra(String key) {
        return Optional.ofNullable(extra.get(key));
    }

    public MigrationSettings withStorageClass(String value) {
        return new MigrationSettings(monitoringNamespace, vmReleaseName, value, vmsingleStorageSize, vmsingleRetention,
                vmagentBufferMaxDiskUsage, pushoverSecretName, pushoverSecretSource, logsNamespace, vectorReleaseName,
                s3Endpoint, s3Buckets, extra);
    }

    public MigrationSettings withS3Endpoint(String value) {
        return new MigrationSettings(monitoringNamespace, vmReleaseName, storageClass, vmsingleStorageSize,
                vmsingleRetention, vmagentBufferMaxDiskUsage, pushoverSecretName, pushoverSecretSource, logsNamespace,
                vectorReleaseName, value, s3Buckets, extra);
    }

    public MigrationSettings withPushoverSecretSource(PushoverSecretSource value) {
        return new MigrationSettings(monitoringNamespace, vmReleaseName, storageClass, vmsingleStorageSize,
                vmsingleRetention, vmagentBufferMaxDiskUsage, pushoverSecretName, value, logsNamespace,
                vectorReleaseName, s3Endpoint, s3Buckets, extra);
    }

    /** {@code value} null removes the key (the step's default applies again). */
    public MigrationSettings withExtra(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(extra);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new MigrationSettings(monitoringNamespace, vmReleaseName, storageClass, vmsingleStorageSize,
                vmsingleRetention, vmagentBufferMaxDiskUsage, pushoverSecretName, pushoverSecretSource, logsNamespace,
                vectorReleaseName, s3Endpoint, s3Buckets, copy);
    }
}
