package dev.homelab.console.helm;

import dev.homelab.console.task.Progress;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Helm releases of one cluster. The real implementation is helm-java (Helm as a library); the sandbox has its own,
 * because fabric8's mock server cannot store releases the way Helm writes them. Both store release history in
 * Helm's Secret format, so {@link HelmReleaseSecrets} reads either.
 */
public interface ReleaseManager {

    /** The deployed (or failed / pending) latest revision of every release in every namespace. */
    List<HelmRelease> list();

    Optional<HelmRelease> get(String namespace, String name);

    /** All stored revisions, oldest first. */
    List<HelmRelease> history(String namespace, String name);

    /** Adds the repository if missing and refreshes its index. */
    void addOrUpdateRepository(String name, URI url) throws HelmException;

    /**
     * Versions of {@code chart} listed in the local index of repository {@code repoName} (after
     * {@link #addOrUpdateRepository}), newest first; empty when the chart is not in it.
     *
     * @throws HelmException when the index cannot be read (repository never added, or not supported)
     */
    default List<String> chartVersions(String repoName, String chart) throws HelmException {
        throw new HelmException("This release manager cannot read Helm repository indexes");
    }

    /** Install when absent, upgrade when present; waits for readiness up to the request's timeout. */
    HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) throws HelmException;

    /** Renders the manifest without touching the cluster (the plan shows it). */
    String template(ReleaseRequest request) throws HelmException;

    HelmRelease rollback(String namespace, String name, int revision, Progress progress) throws HelmException;

    void uninstall(String namespace, String name, Progress progress) throws HelmException;
}
