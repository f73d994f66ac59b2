package dev.homelab.console.migration.phase1;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.verify.s3.S3Credentials;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where Loki keeps its objects, as found in the installed Loki release (or entered by the user).
 *
 * @param source            "Loki release logging/loki (chart loki-6.55.0)" or "entered by the user"
 * @param endpoint          the endpoint as configured ("minio.minio.svc:9000")
 * @param service           the in-cluster Service behind it, when it is one (reached through ServiceAccess)
 * @param externalUrl       the URL to use when it is not an in-cluster Service
 * @param credentials       the keys (memory only), when found
 * @param credentialsSource where the keys came from ("Secret logging/loki-s3 keys MINIO_ACCESS_KEY, …")
 * @param credentialsSecret "namespace/name" of the Secret holding them, when they come from one
 * @param notes             warnings about the configuration (keys in clear in values, path-style off...)
 */
public record LokiS3Config(String source, String endpoint, ServiceRef service, URI externalUrl, String region,
                           List<String> buckets, Optional<S3Credentials> credentials, String credentialsSource,
                           String credentialsSecret, List<String> notes) {

    public LokiS3Config {
        buckets = List.copyOf(buckets);
        notes = List.copyOf(notes);
    }
}
