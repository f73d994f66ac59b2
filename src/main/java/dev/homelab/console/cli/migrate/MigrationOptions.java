package dev.homelab.console.cli.migrate;

import dev.homelab.console.migration.MigrationSettings;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Settings the user can give on the command line; they are journaled with the migration (never secrets). */
public final class MigrationOptions {

    @Option(names = "--s3-endpoint", paramLabel = "HOST:PORT|URL",
            description = "MinIO/S3 endpoint when it cannot be found in the Loki release "
                    + "(keys from HOMELAB_S3_ACCESS_KEY / HOMELAB_S3_SECRET_KEY)")
    String s3Endpoint;

    @Option(names = "--repo-url", paramLabel = "NAME=URL",
            description = "use a mirror for a Helm repository, e.g. --repo-url vector=https://mirror.lan/vector")
    Map<String, String> repositoryMirrors = new LinkedHashMap<>();

    @Option(names = "--storage-class", paramLabel = "NAME", description = "StorageClass for VictoriaMetrics")
    String storageClass;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a step setting, journaled with the migration, e.g. --set loki.tenant=homelab or, for a "
                    + "rehearsal, --set decommission.minimumHistoryHours=0 (never a secret)")
    Map<String, String> stepSettings = new LinkedHashMap<>();

    MigrationSettings applyTo(MigrationSettings settings) {
        MigrationSettings result = settings;
        if (s3Endpoint != null) {
            result = result.withS3Endpoint(s3Endpoint);
        }
        if (storageClass != null) {
            result = result.withStorageClass(storageClass);
        }
        for (Map.Entry<String, String> mirror : repositoryMirrors.entrySet()) {
            result = result.withExtra("repo." + mirror.getKey(), mirror.getValue());
        }
        for (Map.Entry<String, String> setting : stepSettings.entrySet()) {
            result = result.withExtra(setting.getKey(), setting.getValue());
        }
        return result;
    }
}
