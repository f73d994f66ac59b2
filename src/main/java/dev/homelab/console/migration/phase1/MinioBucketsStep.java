package dev.homelab.console.migration.phase1;

import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.migration.ChangeKind;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepFailedException;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.s3.S3BucketCheck;
import dev.homelab.console.verify.s3.S3Problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Phase 1b: Loki's MinIO buckets ({@code loki-data}, {@code loki-chunks} and whatever Loki's values name) exist and are
 * writable. The endpoint, buckets and keys come from the installed Loki release or from the user; missing buckets are
 * created (and only those are removed again by undo, and only when empty); every bucket is proven writable by writing,
 * reading back and deleting a probe object through the S3 API.
 */
public final class MinioBucketsStep implements MigrationStep {

    public static final String ID = "minio-buckets";
    static final String CREATED = "s3.createdBuckets";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Check Loki's MinIO buckets";
    }

    @Override
    public int phase() {
        return 1;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        List<PreflightCheck> checks = new ArrayList<>();
        LokiS3Discovery.Result found = discover(context);
        if (found.config().isEmpty()) {
            checks.add(PreflightCheck.blocking("s3.endpoint", "Loki's S3 endpoint", found.problem(),
                    "Enter the MinIO endpoint (e.g. minio.minio.svc:9000) and its keys in the wizard, or use "
                            + "--s3-endpoint with HOMELAB_S3_ACCESS_KEY / HOMELAB_S3_SECRET_KEY on the CLI."));
            return checks;
        }
        LokiS3Config config = found.config().get();
        checks.add(PreflightCheck.ok("s3.endpoint", "Loki's S3 endpoint", config.endpoint() + " (from "
                + config.source() + ")"));
        config.notes().forEach(note -> checks.add(PreflightCheck.warning("s3.note." + checks.size(),
                "Loki's S3 configuration", note, "Review it in Phase 3.")));
        if (config.credentials().isEmpty()) {
            checks.add(PreflightCheck.blocking("s3.credentials", "S3 keys", "Loki's S3 keys were "
                    + config.credentialsSource(), "Enter the access key and secret key in the wizard, or set "
                    + "HOMELAB_S3_ACCESS_KEY and HOMELAB_S3_SECRET_KEY."));
            return checks;
        }
        checks.add(PreflightCheck.ok("s3.credentials", "S3 keys", "access key "
                + config.credentials().get().accessKeyHint() + " from " + config.credentialsSource()));
        try {
            S3BucketCheck s3 = client(context, config);
            for (String bucket : config.buckets()) {
                boolean exists = s3.exists(bucket);
                checks.add(exists
                        ? PreflightCheck.ok("s3.bucket." + bucket, "Bucket " + bucket, "exists")
                        : PreflightCheck.warning("s3.bucket." + bucket, "Bucket " + bucket, "does not exist",
                        "Apply creates it."));
            }
        } catch (S3Problem e) {
            checks.add(PreflightCheck.blocking("s3.access", "S3 access", e.getMessage(),
                    "Correct the endpoint or keys and run the preflight again."));
        } catch (ServiceUnreachableException e) {
            checks.add(PreflightCheck.blocking("s3.service", "MinIO service", e.getMessage(),
                    "Check that MinIO runs (kubectl get pods -n " + e.service().namespace() + ")."));
        }
        return checks;
    }

    /** Done when every bucket exists; the probe write then runs as the verification. */
    @Override
    public boolean isDone(StepContext context) throws Exception {
        LokiS3Config config = requireConfig(context);
        S3BucketCheck s3 = client(context, config);
        for (String bucket : config.buckets()) {
            if (!s3.exists(bucket)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StepPlan plan(StepContext context) throws Exception {
        LokiS3Config config = requireConfig(context);
        S3BucketCheck s3 = client(context, config);
        List<PlannedChange> changes = new ArrayList<>();
        for (String bucket : config.buckets()) {
            if (!s3.exists(bucket)) {
                changes.add(PlannedChange.simple(ChangeKind.EXTERNAL, "S3Bucket", "", bucket,
                        "create bucket " + bucket + " at " + config.endpoint()));
            }
        }
        for (String bucket : config.buckets()) {
            changes.add(PlannedChange.simple(ChangeKind.EXTERNAL, "S3Object", "", bucket + "/"
                    + S3BucketCheck.PROBE_PREFIX + "<uuid>", "write, read back and delete a probe object in "
                    + bucket));
        }
        return new StepPlan(ID, "Proves that Loki can write to " + String.join(", ", config.buckets()) + " at "
                + config.endpoint() + " (keys from " + config.credentialsSource() + ").", changes, config.notes());
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) throws Exception {
        LokiS3Config config = requireConfig(context);
        S3BucketCheck s3 = client(context, config);
        List<String> created = new ArrayList<>(createdBuckets(context));
        for (String bucket : config.buckets()) {
            progress.checkCancelled();
            if (!s3.exists(bucket)) {
                progress.update("Creating bucket " + bucket, -1);
                s3.create(bucket);
                created.add(bucket);
                context.putOutput(CREATED, String.join(",", created));
                progress.log("Created bucket " + bucket);
            }
        }
        context.putOutput("s3.endpoint", config.endpoint());
        context.putOutput("s3.buckets", String.join(",", config.buckets()));
        context.putOutput("s3.credentialsSource", config.credentialsSource());
        if (config.credentialsSecret() != null) {
            context.putOutput("s3.credentialsSecret", config.credentialsSecret());
        }
        List<CheckResult> results = s3.checkWritable(config.buckets(), progress);
        List<CheckResult> bad = results.stream().filter(r -> !r.passed()).toList();
        if (!bad.isEmpty()) {
            throw new StepFailedException(ID, bad.stream().map(CheckResult::summary)
                    .collect(Collectors.joining(" ")), null);
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) throws Exception {
        LokiS3Config config = requireConfig(context);
        return client(context, config).checkWritable(config.buckets(), progress);
    }

    @Override
    public void undo(StepContext context, Progress progress) throws Exception {
        List<String> created = createdBuckets(context);
        if (created.isEmpty()) {
            progress.log("This step created no bucket; nothing to remove.");
            return;
        }
        LokiS3Config config = requireConfig(context);
        S3BucketCheck s3 = client(context, config);
        for (String bucket : created) {
            progress.update("Removing bucket " + bucket + " (created by this step)", -1);
            try {
                s3.removeIfEmpty(bucket);
            } catch (S3Problem e) {
                if ("BucketNotEmpty".equals(e.code())) {
                    progress.log("Bucket " + bucket + " now holds data (Loki is using it); it is kept.");
                    continue;
                }
                throw e;
            }
        }
        context.putOutput(CREATED, "");
    }

    @Override
    public String undoDescription() {
        return "Removes the buckets this step created, if they are still empty. Existing buckets and data are "
                + "never touched.";
    }

    private static List<String> createdBuckets(StepContext context) {
        return context.output(ID, CREATED).filter(s -> !s.isBlank())
                .map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }

    private static LokiS3Discovery.Result discover(StepContext context) {
        return LokiS3Discovery.discover(context.kube(), context.releases().list(), context.settings(),
                context.secrets());
    }

    private static LokiS3Config requireConfig(StepContext context) {
        LokiS3Discovery.Result found = discover(context);
        LokiS3Config config = found.config().orElseThrow(() -> new StepFailedException(ID, found.problem()
                + " Enter the MinIO endpoint and keys.", null));
        if (config.credentials().isEmpty()) {
            throw new StepFailedException(ID, "Loki's S3 keys were " + config.credentialsSource()
                    + ". Enter the access key and secret key.", null);
        }
        return config;
    }

    private static S3BucketCheck client(StepContext context, LokiS3Config config)
            throws ServiceUnreachableException {
        URI url = config.service() != null
                ? context.cluster().services().open(config.service()).baseUri()
                : config.externalUrl();
        return new S3BucketCheck(url, config.credentials().orElseThrow(), config.region());
    }
}
