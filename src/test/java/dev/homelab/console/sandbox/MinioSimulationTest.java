package dev.homelab.console.sandbox;

import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MinIO simulation driven by the real io.minio client, through the sandbox's service access. */
class MinioSimulationTest {

    static SandboxLab lab;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        lab = Sandbox.start(ScenarioLoader.loadBuiltIn("missing-bucket"),
                SandboxOptions.fast(Duration.ofSeconds(30), 0.01));
        ServiceEndpoint endpoint = lab.session().services().open(new ServiceRef("minio", "minio", 9000));
        url = endpoint.baseUri().toString();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.session().close();
        lab.lifecycle().close();
    }

    private static MinioClient client(String accessKey, String secretKey) {
        return MinioClient.builder().endpoint(url).credentials(accessKey, secretKey).build();
    }

    private static MinioClient good() {
        return client(lab.world().minio().accessKey(), lab.world().minio().secretKey());
    }

    @Test
    void storesListsReadsAndDeletesObjectsWithTheRightCredentials() throws Exception {
        MinioClient s3 = good();
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("loki-data").build())).isTrue();
        byte[] data = "index file with spaces & symbols".getBytes(StandardCharsets.UTF_8);
        s3.putObject(PutObjectArgs.builder().bucket("loki-data").object("index/loki_index_20400/a b.txt")
                .stream(new ByteArrayInputStream(data), data.length, -1).contentType("text/plain").build());
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("loki-data")
                .object("index/loki_index_20400/a b.txt").build())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket("loki-data").prefix("index/")
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        assertThat(keys).containsExactly("index/loki_index_20400/a b.txt");
        s3.removeObject(RemoveObjectArgs.builder().bucket("loki-data").object("index/loki_index_20400/a b.txt")
                .build());
        assertThatThrownBy(() -> s3.getObject(GetObjectArgs.builder().bucket("loki-data")
                .object("index/loki_index_20400/a b.txt").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void rejectsAnUnknownAccessKey() {
        assertThatThrownBy(() -> client("nobody", "whatever-secret")
                .bucketExists(BucketExistsArgs.builder().bucket("loki-data").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("InvalidAccessKeyId"));
    }

    @Test
    void rejectsAWrongSecret() {
        assertThatThrownBy(() -> client(lab.world().minio().accessKey(), "not-the-secret-key")
                .listObjects(ListObjectsArgs.builder().bucket("loki-data").build()).iterator().next().get())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void reportsTheMissingBucketAndLetsItBeCreated() throws Exception {
        MinioClient s3 = good();
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("loki-chunks").build())).isFalse();
        assertThatThrownBy(() -> s3.listObjects(ListObjectsArgs.builder().bucket("loki-chunks").build())
                .iterator().next().get())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchBucket"));
        s3.makeBucket(MakeBucketArgs.builder().bucket("vm-backups").build());
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("vm-backups").build())).isTrue();
    }

    @Test
    void refusesWritesToAReadOnlyBucket() {
        byte[] data = {1, 2, 3};
        assertThatThrownBy(() -> good().putObject(PutObjectArgs.builder().bucket("backups").object("x")
                .stream(new ByteArrayInputStream(data), data.length, -1).build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("AccessDenied"));
    }
}
