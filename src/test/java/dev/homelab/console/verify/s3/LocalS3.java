package dev.homelab.console.verify.s3;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.S3Exceptions;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.InputStream;
import java.net.URI;
import java.util.Set;

/** A real S3 server in-process (s3proxy, in memory) with one user; the named buckets refuse writes (read-only). */
public final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;

    private LocalS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static LocalS3 start(S3Credentials user, String... readOnlyBuckets) throws Exception {
        BlobStore store = new ReadOnlyBuckets(new TransientNio2BlobStore(), Set.of(readOnlyBuckets));
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, user.accessKey(), user.secretKey())
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return new LocalS3(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    /** Answers AccessDenied (403) to writes into the listed buckets, as MinIO does for a readonly policy. */
    private static final class ReadOnlyBuckets extends ForwardingBlobStore {
        private final Set<String> readOnly;

        ReadOnlyBuckets(BlobStore delegate, Set<String> readOnly) {
            super(delegate);
            this.readOnly = readOnly;
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
            if (readOnly.contains(request.bucket())) {
                throw S3Exceptions.fromStatusCode(403);
            }
            return super.putBlob(request, content);
        }
    }
}
