package dev.homelab.console.sandbox;

import dev.homelab.console.helm.HelmException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.sandbox.charts.Chart;
import dev.homelab.console.sandbox.charts.ChartCatalog;
import dev.homelab.console.sandbox.cluster.ReleaseIdentity;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Helm for the sandbox: release history in Helm's release Secrets, and installs that create the workloads the real
 * chart would, whose pods then start one after another (a short, scaled rollout). Like {@code helm --wait}, an
 * install succeeds only when every pod is Ready before the timeout; otherwise the revision is stored as failed
 * with Helm's own message.
 */
public final class SandboxReleaseManager implements ReleaseManager {

    private static final Duration POLL = Duration.ofMillis(20);

    private final LabWorld world;
    private final ChartCatalog catalog;
    private final ReleaseDeployer deployer;
    private final Map<String, URI> repositories = new LinkedHashMap<>();

    SandboxReleaseManager(LabWorld world, ChartCatalog catalog, ReleaseDeployer deployer) {
        this.world = world;
        this.catalog = catalog;
        this.deployer = deployer;
    }

    @Override
    public List<HelmRelease> list() {
        return HelmReleaseSecrets.latestReleases(world.kube());
    }

    @Override
    public Optional<HelmRelease> get(String namespace, String name) {
        return HelmReleaseSecrets.latest(world.kube(), namespace, name);
    }

    @Override
    public List<HelmRelease> history(String namespace, String name) {
        return HelmReleaseSecrets.history(world.kube(), namespace, name);
    }

    @Override
    public synchronized void addOrUpdateRepository(String name, URI url) throws HelmException {
        String normalized = url.toString().replaceAll("/+$", "");
        boolean known = catalog.repositoryUrls().stream().anyMatch(u -> u.replaceAll("/+$", "").equals(normalized));
        if (!known) {
            String host = url.getHost() == null ? normalized : url.getHost();
            throw new HelmException("looks like \"" + url + "\" is not a valid chart repository or cannot be "
                    + "reached: Get \"" + normalized + "/index.yaml\": dial tcp: lookup " + host + ": no such host");
        }
        repositories.put(name, url);
    }

    @Override
    public HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) throws HelmException {
        Chart chart = chartFor(request.chart().chart(), request.chart().repoUrl());
        Optional<HelmRelease> existing = get(request.namespace(), request.name());
        boolean upgrade = existing.isPresent();
        String verb = upgrade ? "UPGRADE" : "INSTALLATION";
        if (!request.createNamespace() && world.kube().namespaces().withName(request.namespace()).get() == null) {
            throw new HelmException("Error: " + verb + " FAILED: create: failed to create: namespaces \""
                    + request.namespace() + "\" not found");
        }
        progress.checkCancelled();
        int revision = existing.map(r -> r.revision() + 1).orElse(1);
        ReleaseIdentity identity = new ReleaseIdentity(request.name(), request.namespace(), chart.name(),
                request.chart().version(), chart.appVersion(request.chart().version()));
        progress.update((upgrade ? "Upgrading " : "Installing ") + request.name() + " (" + chart.name() + " "
                + request.chart().version() + ")", 0);
        ReleaseDeployer.Deployed deployed = deployer.deploy(chart, identity, request.values(), revision,
                upgrade ? "Upgrade complete" : "Install complete", false);
        return await(deployed, request.timeout(), verb, progress);
    }

    @Override
    public String template(ReleaseRequest request) throws HelmException {
        Chart chart = chartFor(request.chart().chart(), request.chart().repoUrl());
        ReleaseIdentity identity = new ReleaseIdentity(request.name(), request.namespace(), chart.name(),
                request.chart().version(), chart.appVersion(request.chart().version()));
        return deployer.template(chart, identity, request.values());
    }

    @Override
    public HelmRelease rollback(String namespace, String name, int revision, Progress progress)
            throws HelmException {
        List<HelmRelease> history = history(namespace, name);
        if (history.isEmpty()) {
            throw new HelmException("Error: release: not found");
        }
        HelmRelease target = history.stream().filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> new HelmException("Error: release has no " + revision + " version"));
        Chart chart = chartFor(target.chartName(), null);
        int next = history.get(history.size() - 1).revision() + 1;
        ReleaseIdentity identity = new ReleaseIdentity(name, namespace, chart.name(), target.chartVersion(),
                target.appVersion());
        progress.update("Rolling back " + name + " to revision " + revision, 0);
        ReleaseDeployer.Deployed deployed = deployer.deploy(chart, identity, target.values(), next,
                "Rollback to " + revision, false);
        return await(deployed, Duration.ofMinutes(5), "ROLLBACK", progress);
    }

    @Override
    public void uninstall(String namespace, String name, Progress progress) throws HelmException {
        if (get(namespace, name).isEmpty()) {
            throw new HelmException("Error: uninstall: Release not loaded: " + name + ": release: not found");
        }
        progress.checkCancelled();
        progress.update("Uninstalling " + name, 0);
        deployer.remove(namespace, name);
        progress.update("release \"" + name + "\" uninstalled", 1);
    }

    /** Brings the new pods up one after another, as the kubelet would, and waits like {@code helm --wait}. */
    private HelmRelease await(ReleaseDeployer.Deployed deployed, Duration timeout, String verb, Progress progress)
            throws HelmException {
        HelmRelease release = deployed.release();
        List<Pod> pods = deployed.startingPods();
        Duration startup = world.scenario().timing().podStartup();
        Instant begin = world.clock().instant();
        Instant deadline = begin.plus(timeout == null ? Duration.ofMinutes(5) : timeout);
        Map<String, Instant> readyAt = new LinkedHashMap<>();
        for (int i = 0; i < pods.size(); i++) {
            readyAt.put(pods.get(i).getMetadata().getName(),
                    begin.plus(startup.multipliedBy(10 + 3L * i).dividedBy(10)));
        }
        Set<String> ready = new java.util.HashSet<>();
        try {
            while (true) {
                progress.checkCancelled();
                Instant now = world.clock().instant();
                for (Pod pod : pods) {
                    String podName = pod.getMetadata().getName();
                    if (!ready.contains(podName) && !now.isBefore(readyAt.get(podName))
                            && world.pods().markReady(pod.getMetadata().getNamespace(), podName, 0)) {
                        ready.add(podName);
                        progress.log("pod " + pod.getMetadata().getNamespace() + "/" + podName + " is Ready");
                    }
                }
                List<String> waiting = notReady(release.namespace(), release.name());
                double fraction = pods.isEmpty() ? 1 : (double) ready.size() / Math.max(pods.size(),
                        ready.size() + waiting.size());
                if (waiting.isEmpty()) {
                    progress.update(release.name() + ": all pods Ready", 1);
                    return deployer.markDeployed(release);
                }
                progress.update(release.name() + ": waiting for " + waiting.size() + " pod(s): "
                        + String.join(", ", waiting.subList(0, Math.min(3, waiting.size()))), fraction);
                if (now.isAfter(deadline)) {
                    HelmRelease failed = deployer.markFailed(release, "context deadline exceeded");
                    throw new HelmException("Error: " + verb + " FAILED: context deadline exceeded (waiting for "
                            + String.join(", ", waiting) + ") — revision " + failed.revision() + " is marked failed");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deployer.markFailed(release, "Release was interrupted");
            throw new CancelledException();
        } catch (CancelledException e) {
            deployer.markFailed(release, "Release was interrupted");
            throw e;
        }
    }

    /** Pods of this release (workloads labelled with its instance, or created by its operator) not Ready yet. */
    private List<String> notReady(String namespace, String releaseName) {
        KubernetesClient kube = world.kube();
        List<String> names = new ArrayList<>();
        for (Pod pod : deployer.pods(namespace, releaseName)) {
            Pod current = kube.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).get();
            if (current != null && !dev.homelab.console.sandbox.cluster.PodFactory.isReady(current)) {
                names.add(current.getMetadata().getName());
            }
        }
        return names;
    }

    private Chart chartFor(String chartName, URI repoUrl) throws HelmException {
        return catalog.chart(chartName).orElseThrow(() -> new HelmException("Error: chart \"" + chartName
                + "\" not found in " + (repoUrl == null ? "any configured" : repoUrl) + " repository"));
    }
}
