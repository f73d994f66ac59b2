package dev.homelab.console.migration;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.helm.ReleaseManager;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;

/**
 * What a step sees while the engine runs it: the connected cluster, the user's settings, secrets (memory only),
 * and the outputs of earlier steps. Created by the engine for one step at a time.
 */
public final class StepContext {

    private final ConsoleContext console;
    private final MigrationSettings settings;
    private final SecretsProvider secrets;
    private final StepOutputs outputs;
    private final String stepId;

    public StepContext(ConsoleContext console, MigrationSettings settings, SecretsProvider secrets,
                       StepOutputs outputs, String stepId) {
        this.console = console;
        this.settings = settings;
        this.secrets = secrets;
        this.outputs = outputs;
        this.stepId = stepId;
    }

    public ConsoleContext console() {
        return console;
    }

    public ClusterSession cluster() {
        return console.cluster();
    }

    public KubernetesClient kube() {
        return console.cluster().kube();
    }

    public ReleaseManager releases() {
        return console.releases();
    }

    public AppDirs dirs() {
        return console.dirs();
    }

    public MigrationSettings settings() {
        return settings;
    }

    public SecretsProvider secrets() {
        return secrets;
    }

    /** Masks secrets in values and text shown to the user. */
    public SecretMasker masker() {
        return SecretMasker.of(secrets);
    }

    /** An output an earlier step recorded ({@code output("minio-buckets", "s3.endpoint")}). */
    public Optional<String> output(String fromStepId, String key) {
        return outputs.get(fromStepId, key);
    }

    /**
     * Records an output of the running step for later steps; it is journaled (in the cluster and locally), so it must
     * never be a secret — record where a secret lives ({@code "loki/minio-credentials"}), not its value.
     */
    public void putOutput(String key, String value) {
        outputs.put(stepId, key, value);
    }

    public String stepId() {
        return stepId;
    }
}
