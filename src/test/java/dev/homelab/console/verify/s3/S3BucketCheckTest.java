package dev.homelab.console.verify.s3;

import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bucket check against a real S3 server (s3proxy in-process) with the MinIO client. */
class S3BucketCheckTest {

    static final S3Credentials GOOD = new S3Credentials("loki-access", "loki-secret-key-123");
    LocalS3 s3;

    @BeforeEach
    void start() throws Exception {
        s3 = LocalS3.start(GOOD, "loki-chunks");
        new S3BucketCheck(s3.endpoint(), GOOD, null).create("loki-data");
        new S3BucketCheck(s3.endpoint(), GOOD, null).create("loki-chunks");
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    @Test
    void goodCredentialsWriteReadAndDeleteAProbeInEveryBucket() {
        List<CheckResult> results = new S3BucketCheck(s3.endpoint(), GOOD, null)
                .checkWritable(List.of("loki-data"), Progress.none());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(r.evidence()).extracting(e -> e.observation())
                    .anyMatch(o -> o.contains("identical to what was written"))
                    .anyMatch(o -> o.contains("NoSuchKey"));
        });
    }

    @Test
    void aWrongAccessKeyIsReportedAsInvalidAccessKeyId() {
        S3Credentials wrongKey = new S3Credentials("nobody-knows-me", GOOD.secretKey());

        CheckResult result = new S3BucketCheck(s3.endpoint(), wrongKey, null)
                .checkWritable(List.of("loki-data"), Progress.none()).get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("does not know the access key nobo…").contains("InvalidAccessKeyId")
                .contains("HTTP 403").doesNotContain("nobody-knows-me").doesNotContain(GOOD.secretKey());
    }

    @Test
    void aWrongSecretIsReportedAsSignatureDoesNotMatch() {
        S3Credentials wrongSecret = new S3Credentials(GOOD.accessKey(), "not-the-secret");

        CheckResult result = new S3BucketCheck(s3.endpoint(), wrongSecret, null)
                .checkWritable(List.of("loki-data"), Progress.none()).get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("secret key does not match").contains("SignatureDoesNotMatch")
                .doesNotContain("not-the-secret");
    }

    @Test
    void aMissingBucketIsReportedAsNoSuchBucket() throws Exception {
        S3BucketCheck check = new S3BucketCheck(s3.endpoint(), GOOD, null);

        CheckResult result = check.checkWritable(List.of("loki-ruler"), Progress.none()).get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).startsWith("Bucket loki-ruler does not exist").contains("NoSuchBucket");
        assertThat(check.exists("loki-ruler")).isFalse();
        assertThat(check.exists("loki-data")).isTrue();
    }

    @Test
    void aReadOnlyBucketIsReportedAsAccessDeniedOnWrite() {
        CheckResult result = new S3BucketCheck(s3.endpoint(), GOOD, null)
                .checkWritable(List.of("loki-chunks"), Progress.none()).get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.summary()).contains("read-only").contains("AccessDenied").contains("write probe object");
        assertThat(result.evidence()).extracting(e -> e.source()).anyMatch(s -> s.startsWith("GET loki-chunks"));
    }

    @Test
    void anUnreachableEndpointCannotBeVerifiedAndSaysWhy() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        S3BucketCheck check = new S3BucketCheck(URI.create("http://127.0.0.1:" + closed), GOOD, null);

        CheckResult result = check.checkWritable(List.of("loki-data"), Progress.none()).get(0);

        assertThat(result.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(result.summary()).startsWith("Could not verify, because The S3 endpoint")
                .contains("unreachable").contains("ConnectException");
        assertThatThrownBy(() -> check.exists("loki-data")).isInstanceOf(S3Problem.class)
                .extracting(e -> ((S3Problem) e).code()).isEqualTo("Unreachable");
    }
}
