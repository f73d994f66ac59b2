package dev.homelab.console.migration.decommission;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.helm.ChartRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.migration.SecretMasker;
import dev.homelab.console.migration.ValuesDiff;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backs up a release before it is uninstalled, so that undo can reinstall it exactly: Helm's own release record
 * (chart, version, complete values, manifest) is copied into a Secret in the console's namespace — values may hold
 * credentials, so they stay inside Kubernetes Secrets — and a readable copy with secrets masked and Secret manifests
 * left out goes to the local data folder for the user.
 */
public final class ReleaseBackup {

    public static final String NAMESPACE = "homelab-console";
    public static final String LABEL = "homelab-console/backup";
    private static final Pattern SECRET_DOCUMENT = Pattern.compile("(?m)^kind:\\s*Secret\\s*$");

    /** Where the charts of the releases Phase 5 removes come from. */
    static final Map<String, ChartRepo> REPOSITORIES = Map.of(
            "kube-prometheus-stack", new ChartRepo("prometheus-community",
                    URI.create("https://prometheus-community.github.io/helm-charts")),
            "alloy", new ChartRepo("grafana", URI.create("https://grafana.github.io/helm-charts")));

    record ChartRepo(String name, URI url) {
    }

    private final KubernetesClient kube;
    private final Path localFolder;

    public ReleaseBackup(KubernetesClient kube, AppDirs dirs, String clusterId) {
        this.kube = kube;
        this.localFolder = dirs.dataDir("backups").resolve(clusterId);
    }

    public static String secretName(HelmRelease release) {
        return ("homelab-console-backup-" + release.namespace() + "-" + release.name()).toLowerCase();
    }

    /** Copies the latest release record into the cluster and writes the masked local copy; returns the local folder. */
    public Path backup(HelmRelease release, SecretMasker masker) throws IOException {
        Secret record = kube.secrets().inNamespace(release.namespace()).withLabel("owner", "helm")
                .withLabel("name", release.name()).list().getItems().stream()
                .filter(s -> HelmReleaseSecrets.TYPE.equals(s.getType()))
                .max(Comparator.comparingInt(s -> Integer.parseInt(s.getMetadata().getLabels().getOrDefault("version", "0"))))
                .orElseThrow(() -> new IOException("Helm's record of " + release.namespace() + "/" + release.name()
                        + " was not found; nothing to back up"));
        Secret copy = new SecretBuilder()
                .withNewMetadata()
                .withName(secretName(release))
                .withNamespace(NAMESPACE)
                .addToLabels(LABEL, "true")
                .addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                .addToAnnotations("homelab-console/release", release.namespace() + "/" + release.name())
                .addToAnnotations("homelab-console/chart", release.chart())
                .endMetadata()
                .withType("Opaque")
                .addToData("release", record.getData().get("release"))
                .build();
        kube.secrets().inNamespace(NAMESPACE).resource(copy).createOr(NonDeletingOperation::update);

        Path folder = localFolder.resolve(release.namespace() + "-" + release.name() + "-r" + release.revision());
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("values.yaml"), ValuesDiff.toYaml(masker.maskValues(release.values())));
        Files.writeString(folder.resolve("manifest.yaml"), withoutSecrets(release.manifest()));
        Files.writeString(folder.resolve("chart.txt"), "release: " + release.namespace() + "/" + release.name()
                + "\nchart: " + release.chartName() + "\nversion: " + release.chartVersion() + "\nappVersion: "
                + release.appVersion() + "\nrevision: " + release.revision()
                + "\ncomplete copy (with credentials): Secret " + NAMESPACE + "/" + secretName(release) + "\n");
        return folder;
    }

    /** The release as it was when backed up, from the in-cluster copy. */
    public Optional<HelmRelease> restore(String namespace, String name) {
        Secret copy = kube.secrets().inNamespace(NAMESPACE).withName(("homelab-console-backup-" + namespace + "-" + name)
                .toLowerCase()).get();
        return Optional.ofNullable(copy).map(HelmReleaseSecrets::decode);
    }

    /** What reinstalling the backed-up release means for Helm. */
    public static ReleaseRequest reinstallRequest(HelmRelease release) {
        ChartRepo repo = REPOSITORIES.getOrDefault(release.chartName(),
                new ChartRepo("unknown", URI.create("https://example.invalid")));
        return new ReleaseRequest(release.name(), release.namespace(), new ChartRef(repo.name(), repo.url(),
                release.chartName(), release.chartVersion()), release.values(), true, Duration.ofMinutes(10));
    }

    static String withoutSecrets(String manifest) {
        StringBuilder kept = new StringBuilder();
        for (String document : manifest.split("(?m)^---\\s*$")) {
            if (SECRET_DOCUMENT.matcher(document).find()) {
                kept.append("---\n# a Secret was here; it is in the in-cluster backup only\n");
            } else if (!document.isBlank()) {
                kept.append("---").append(document.startsWith("\n") ? "" : "\n").append(document.strip()).append('\n');
            }
        }
        return kept.toString();
    }
}
