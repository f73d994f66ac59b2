package dev.homelab.console.migration.history;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Kubernetes Job that runs {@code vmctl remote-read} inside the cluster: it reads the old Prometheus over its
 * remote-read API (no admin API, no access to its volume) and imports into vmsingle. Runs once (no retries that
 * would import twice), cleans itself up a day later, and is labelled so the console can follow and delete it.
 */
public final class HistoryCopyJob {

    public static final String NAME = "homelab-console-history-copy";
    public static final String LABEL = "homelab-console/job";

    private HistoryCopyJob() {
    }

    public static Job build(String namespace, HistoryCopyPlan plan) {
        return new JobBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(namespace)
                .addToLabels(LABEL, "history-copy")
                .addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withTtlSecondsAfterFinished(86_400)
                .withActiveDeadlineSeconds(6L * 3600)
                .withNewTemplate()
                .withNewMetadata().addToLabels(LABEL, "history-copy").endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("vmctl")
                .withImage(plan.vmctlImage())
                .withArgs(arguments(plan))
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("cpu", new Quantity("1"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** vmctl's flags; {@code -s} because nobody can answer its confirmation prompt inside a Job. */
    static List<String> arguments(HistoryCopyPlan plan) {
        DateTimeFormatter rfc3339 = DateTimeFormatter.ISO_INSTANT;
        return List.of(
                "remote-read",
                "--remote-read-src-addr=" + plan.prometheusUrl(),
                "--remote-read-filter-time-start=" + rfc3339.format(plan.start()),
                "--remote-read-filter-time-end=" + rfc3339.format(plan.end()),
                "--remote-read-step-interval=hour",
                "--remote-read-use-stream=true",
                "--vm-addr=" + plan.vmsingleUrl(),
                "--vm-concurrency=2",
                "-s");
    }
}
