package dev.homelab.console.sandbox.scenario;

import java.util.List;
import java.util.Optional;

/**
 * The lab's MinIO: where it runs, the credentials its clients use (Loki reads them from {@code credentialsSecret}
 * in its own namespace), and the buckets that exist.
 */
public record MinioSpec(String accessKey, String secretKey, List<BucketSpec> buckets) {

    public MinioSpec {
        buckets = List.copyOf(buckets);
    }

    public Optional<BucketSpec> bucket(String name) {
        return buckets.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** A bucket; a read-only one answers writes with AccessDenied, like a bucket policy that only allows reads. */
    public record BucketSpec(String name, boolean readOnly) {
    }
}
