package dev.homelab.console.verify.s3;

import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import okhttp3.OkHttpClient;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Observes, through the S3 API (the MinIO client, path-style, as Loki uses it), that buckets exist and are writable:
 * list one key, write a probe object, read it back and compare, delete it and see it gone. Each failure is reported
 * with the exact S3 error code and what to do about it.
 */
public final class S3BucketCheck {

    public static final String PROBE_PREFIX = "homelab-console-probe/";

    private final MinioClient client;
    private final URI endpoint;
    private final S3Credentials credentials;

    public S3BucketCheck(URI endpoint, S3Credentials credentials, String region) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .writeTimeout(Duration.ofSeconds(20))
                .retryOnConnectionFailure(false)
                .build();
        this.client = MinioClient.builder()
                .endpoint(endpoint.toString())
                .credentials(credentials.accessKey(), credentials.secretKey())
                .region(region == null || region.isBlank() ? "us-east-1" : region)
                .httpClient(http)
                .build();
    }

    /** One check per bucket: exists, and a probe object can be written, read back and deleted. */
    public List<CheckResult> checkWritable(List<String> buckets, Progress progress) {
        List<CheckResult> results = new ArrayList<>();
        for (String bucket : buckets) {
            progress.checkCancelled();
            progress.update("Checking S3 bucket " + bucket + " at " + endpoint, -1);
            results.add(checkBucket(bucket));
        }
        return results;
    }

    /** True when the bucket exists; throws with the exact S3 error for credentials or connectivity problems. */
    public boolean exists(String bucket) throws S3Problem {
        try {
            list(bucket);
            return true;
        } catch (S3Problem e) {
            if ("NoSuchBucket".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    public void create(String bucket) throws S3Problem {
        run("create bucket " + bucket, bucket, () -> {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return null;
        });
    }

    /** Removes a bucket only when it holds nothing (S3 refuses otherwise: BucketNotEmpty). */
    public void removeIfEmpty(String bucket) throws S3Problem {
        run("remove bucket " + bucket, bucket, () -> {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    private CheckResult checkBucket(String bucket) {
        String id = "s3.bucket." + bucket;
        String title = "S3 bucket " + bucket + " is writable";
        List<Evidence> evidence = new ArrayList<>();
        String key = PROBE_PREFIX + UUID.randomUUID();
        byte[] payload = ("homelab-console probe " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        try {
            String first = list(bucket);
            evidence.add(new Evidence("GET " + bucket + "?list-type=2&max-keys=1", "200, "
                    + (first == null ? "bucket empty" : "first key " + first)));
            run("write probe object " + key, bucket, () -> client.putObject(PutObjectArgs.builder().bucket(bucket)
                    .object(key).stream(new ByteArrayInputStream(payload), payload.length, -1)
                    .contentType("text/plain").build()));
            evidence.add(new Evidence("PUT " + bucket + "/" + key, "200, " + payload.length + " bytes written"));
            byte[] read = run("read probe object " + key, bucket, () -> {
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                    return in.readAllBytes();
                }
            });
            boolean same = Arrays.equals(payload, read);
            evidence.add(new Evidence("GET " + bucket + "/" + key, read.length + " bytes, "
                    + (same ? "identical to what was written" : "DIFFERENT from what was written")));
            run("delete probe object " + key, bucket, () -> {
                client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
                return null;
            });
            boolean gone = isGone(bucket, key);
            evidence.add(new Evidence("DELETE " + bucket + "/" + key, gone ? "deleted; HEAD answers NoSuchKey"
                    : "still present after DELETE"));
            if (!same) {
                return CheckResult.failed(id, title, "Bucket " + bucket + " returned different bytes than were "
                        + "written; check the S3 server's health and any proxy in between.", evidence);
            }
            if (!gone) {
                return CheckResult.failed(id, title, "The probe object " + key + " could not be deleted from "
                        + bucket + "; Loki's compactor needs delete permission — give the user a readwrite policy.",
                        evidence);
            }
            return CheckResult.passed(id, title, "Bucket " + bucket + " exists at " + endpoint
                    + "; a probe object was written, read back identical and deleted.", evidence);
        } catch (S3Problem e) {
            evidence.add(new Evidence("S3 error", e.code()));
            if ("Unreachable".equals(e.code())) {
                return CheckResult.unverified(id, title, e.getMessage(), evidence);
            }
            return CheckResult.failed(id, title, e.getMessage(), evidence);
        }
    }

    private String list(String bucket) throws S3Problem {
        return run("list bucket " + bucket, bucket, () -> {
            Iterator<Result<Item>> items = client.listObjects(ListObjectsArgs.builder().bucket(bucket).maxKeys(1)
                    .build()).iterator();
            return items.hasNext() ? items.next().get().objectName() : null;
        });
    }

    private boolean isGone(String bucket, String key) throws S3Problem {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return false;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return true;
            }
            throw explain("check probe object " + key, bucket, e);
        } catch (Exception e) {
            throw explain("check probe object " + key, bucket, e);
        }
    }

    private interface S3Call<T> {
        T call() throws Exception;
    }

    private <T> T run(String what, String bucket, S3Call<T> call) throws S3Problem {
        try {
            return call.call();
        } catch (Exception e) {
            throw explain(what, bucket, e);
        }
    }

    private S3Problem explain(String what, String bucket, Exception e) {
        if (e instanceof ErrorResponseException error) {
            String code = error.errorResponse().code();
            int status = error.response() == null ? 0 : error.response().code();
            String s3 = " (" + code + ", HTTP " + status + " while trying to " + what + ")";
            String message = switch (code) {
                case "InvalidAccessKeyId" -> "The S3 server at " + endpoint + " does not know the access key "
                        + credentials.accessKeyHint() + s3 + ". Check the access key Loki uses, or enter the right one.";
                case "SignatureDoesNotMatch" -> "The secret key does not match access key "
                        + credentials.accessKeyHint() + s3 + ": the server rejected the request signature. "
                        + "Check the secret key.";
                case "NoSuchBucket" -> "Bucket " + bucket + " does not exist at " + endpoint + s3
                        + ". Let this step create it, or create it in MinIO (mc mb <alias>/" + bucket + ").";
                case "AccessDenied" -> "Access key " + credentials.accessKeyHint() + " may not " + what + " in "
                        + bucket + s3 + ": the bucket is read-only for this user. Give it a readwrite policy on "
                        + bucket + " (mc admin policy attach <alias> readwrite --user <user>).";
                default -> "S3 refused to " + what + " in " + bucket + " at " + endpoint + s3 + ": "
                        + error.errorResponse().message();
            };
            return new S3Problem(code, message, e);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException || e instanceof java.io.IOException) {
            return new S3Problem("Unreachable", "The S3 endpoint " + endpoint + " is unreachable ("
                    + root.getClass().getSimpleName() + ": " + root.getMessage() + "). Check that MinIO runs and "
                    + "that the endpoint is right.", e);
        }
        return new S3Problem(e.getClass().getSimpleName(), "Could not " + what + " in " + bucket + " at " + endpoint
                + ": " + e.getMessage(), e);
    }
}
