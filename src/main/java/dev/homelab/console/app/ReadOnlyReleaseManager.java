package dev.homelab.console.app;

import dev.homelab.console.helm.HelmException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Helm releases of a real cluster, read from Helm's release Secrets, until the helm-java release manager is wired in
 * (the migration engine's work). Everything that would change the cluster refuses with a clear message.
 */
final class ReadOnlyReleaseManager implements ReleaseManager {

    private static final String NOT_YET = "Installing, upgrading and removing Helm releases is not available yet "
            + "in this build (read-only Helm access)";

    private final KubernetesClient kube;

    ReadOnlyReleaseManager(KubernetesClient kube) {
        this.kube = kube;
    }

    @Override
    public List<HelmRelease> list() {
        return HelmReleaseSecrets.latestReleases(kube);
    }

    @Override
    public Optional<HelmRelease> get(String namespace, String name) {
        return HelmReleaseSecrets.latest(kube, namespace, name);
    }

    @Override
    public List<HelmRelease> history(String namespace, String name) {
        return HelmReleaseSecrets.history(kube, namespace, name);
    }

    @Override
    public void addOrUpdateRepository(String name, URI url) throws HelmException {
        throw new HelmException(NOT_YET);
    }

    @Override
    public HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) throws HelmException {
        throw new HelmException(NOT_YET);
    }

    @Override
    public String template(ReleaseRequest request) throws HelmException {
        throw new HelmException(NOT_YET);
    }

    @Override
    public HelmRelease rollback(String namespace, String name, int revision, Progress progress) throws HelmException {
        throw new HelmException(NOT_YET);
    }

    @Override
    public void uninstall(String namespace, String name, Progress progress) throws HelmException {
        throw new HelmException(NOT_YET);
    }
}
