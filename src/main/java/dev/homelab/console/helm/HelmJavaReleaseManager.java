package dev.homelab.console.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Repository;
import com.marcnuri.helm.SearchResult;
import com.marcnuri.helm.UpgradeCommand;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Helm releases of a real cluster through helm-java (Helm 3 as a native library). Reads (list, get, history) decode
 * Helm's release Secrets with the fabric8 client; writes run Helm itself. The kubeconfig is handed to Helm as contents
 * in memory, never as a file; the repository list is the console's own ({@link HelmHome}).
 * <p>
 * helm-java 0.0.21 has no rollback: {@link #rollback} re-applies the target revision's chart version (found in the
 * console's repositories) with that revision's values, as an upgrade — the same result as {@code helm rollback} for
 * charts still published.
 * <p>
 * A Helm call cannot be interrupted: on cancel, the wait keeps reporting until Helm returns (bounded by the request's
 * timeout) and then throws {@link CancelledException}.
 */
public final class HelmJavaReleaseManager implements ReleaseManager {

    private static final Logger LOG = LoggerFactory.getLogger(HelmJavaReleaseManager.class);
    private static final Duration UNINSTALL_TIMEOUT = Duration.ofMinutes(5);

    private final KubernetesClient kube;
    private final Supplier<String> kubeconfig;
    private final Path repositoryConfig;

    /**
     * @param kube       reads release Secrets and watches pods while Helm waits
     * @param kubeconfig the kubeconfig YAML for the chosen context, kept in memory ({@link KubeconfigYaml})
     */
    public HelmJavaReleaseManager(KubernetesClient kube, Supplier<String> kubeconfig, AppDirs dirs) {
        this.kube = kube;
        this.kubeconfig = kubeconfig;
        this.repositoryConfig = HelmHome.repositoryConfig(dirs);
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

    /** The repositories the console has added. */
    public List<Repository> repositories() throws HelmException {
        if (!java.nio.file.Files.exists(repositoryConfig)) {
            return List.of();
        }
        return helm("list Helm repositories", () -> Helm.repo().list().withRepositoryConfig(repositoryConfig).call());
    }

    @Override
    public void addOrUpdateRepository(String name, URI url) throws HelmException {
        boolean present = repositories().stream().anyMatch(r -> r.getName().equals(name)
                && r.getUrl().toString().replaceAll("/$", "").equals(url.toString().replaceAll("/$", "")));
        if (!present) {
            helm("add Helm repository " + name + " (" + url + ")", () -> Helm.repo().add()
                    .withRepositoryConfig(repositoryConfig).withName(name).withUrl(url).call());
        }
        helm("update Helm repository " + name + " (" + url + ")", () -> Helm.repo().update()
                .withRepositoryConfig(repositoryConfig).withRepo(name).call());
    }

    @Override
    public List<String> chartVersions(String repoName, String chart) throws HelmException {
        Path index = HelmHome.repositoryCache().resolve(repoName + "-index.yaml");
        if (!java.nio.file.Files.exists(index)) {
            throw new HelmException("Helm repository " + repoName + " has no local index (" + index
                    + "); add and update it first.");
        }
        try {
            tools.jackson.databind.JsonNode entries = dev.homelab.console.util.Json.YAML.readTree(index.toFile())
                    .path("entries").path(chart);
            List<String> versions = new java.util.ArrayList<>();
            entries.forEach(entry -> versions.add(entry.path("version").asString()));
            return versions;
        } catch (RuntimeException e) {
            throw new HelmException("Could not read the index of Helm repository " + repoName + " (" + index + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) throws HelmException {
        String target = request.namespace() + "/" + request.name();
        try (ValuesFile values = ValuesFile.of(request.values())) {
            UpgradeCommand command = chartCommand(request.chart())
                    .install()
                    .withName(request.name())
                    .withNamespace(request.namespace())
                    .withValuesFile(values.path())
                    .waitReady()
                    .withTimeout((int) request.timeout().toSeconds())
                    .withKubeConfigContents(kubeconfig.get())
                    .withRepositoryConfig(repositoryConfig);
            if (request.chart().version() != null && !isLocal(request.chart())) {
                command.withVersion(request.chart().version());
            }
            if (request.createNamespace()) {
                command.createNamespace();
            }
            progress.update("helm upgrade --install " + target + " (" + request.chart() + ")", -1);
            awaitWithPodProgress("install/upgrade " + target, command::call, request.namespace(), request.name(),
                    request.timeout(), progress);
        }
        return get(request.namespace(), request.name()).orElseThrow(() -> new HelmException(
                "Helm reported success for " + target + " but no release Secret was found in " + request.namespace()));
    }

    @Override
    public String template(ReleaseRequest request) throws HelmException {
        try (ValuesFile values = ValuesFile.of(request.values())) {
            var command = isLocal(request.chart())
                    ? new Helm(localChart(request.chart())).template()
                    : Helm.template(request.chart().repoName() + "/" + request.chart().chart())
                    .withVersion(request.chart().version());
            var configured = command.withName(request.name()).withNamespace(request.namespace())
                    .withValuesFile(values.path()).withRepositoryConfig(repositoryConfig);
            return helm("render " + request.chart(), configured::call);
        }
    }

    @Override
    public HelmRelease rollback(String namespace, String name, int revision, Progress progress) throws HelmException {
        HelmRelease target = history(namespace, name).stream().filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> new HelmException("Cannot roll back " + namespace + "/" + name + " to revision "
                        + revision + ": that revision is not in the release history."));
        ChartRef chart = findChart(target.chartName(), target.chartVersion()).orElseThrow(() -> new HelmException(
                "Cannot roll back " + namespace + "/" + name + " to revision " + revision + ": chart "
                        + target.chartName() + " " + target.chartVersion() + " is in none of the console's Helm "
                        + "repositories. Add its repository (Phase 1) and retry, or run: helm rollback " + name + " "
                        + revision + " -n " + namespace));
        progress.update("Rolling back " + namespace + "/" + name + " to revision " + revision + " (" + chart + ")", -1);
        return installOrUpgrade(new ReleaseRequest(name, namespace, chart, target.values(), false,
                Duration.ofMinutes(10)), progress);
    }

    @Override
    public void uninstall(String namespace, String name, Progress progress) throws HelmException {
        progress.update("helm uninstall " + namespace + "/" + name, -1);
        awaitWithPodProgress("uninstall " + namespace + "/" + name, () -> Helm.uninstall(name)
                .withNamespace(namespace).withKubeConfigContents(kubeconfig.get()).ignoreNotFound().call(),
                namespace, name, UNINSTALL_TIMEOUT, progress);
    }

    private Optional<ChartRef> findChart(String chartName, String version) throws HelmException {
        List<SearchResult> found = helm("search the Helm repositories for " + chartName, () -> Helm.search().repo()
                .withRepositoryConfig(repositoryConfig).withKeyword(chartName).withVersion(version).call());
        for (SearchResult result : found) {
            String[] parts = result.getName().split("/", 2);
            if (parts.length == 2 && parts[1].equals(chartName) && version.equals(result.getChartVersion())) {
                URI url = repositories().stream().filter(r -> r.getName().equals(parts[0])).map(Repository::getUrl)
                        .findFirst().orElse(null);
                return Optional.of(new ChartRef(parts[0], url, chartName, version));
            }
        }
        return Optional.empty();
    }

    private UpgradeCommand chartCommand(ChartRef chart) {
        return isLocal(chart) ? new Helm(localChart(chart)).upgrade()
                : Helm.upgrade(chart.repoName() + "/" + chart.chart());
    }

    private static boolean isLocal(ChartRef chart) {
        return chart.repoUrl() != null && "file".equals(chart.repoUrl().getScheme());
    }

    private static Path localChart(ChartRef chart) {
        return Path.of(chart.repoUrl()).resolve(chart.chart());
    }

    /** Runs a Helm call on its own thread, reporting the release's pods until it returns. */
    private void awaitWithPodProgress(String what, java.util.concurrent.Callable<?> call, String namespace,
                                      String release, Duration timeout, Progress progress) throws HelmException {
        CompletableFuture<Object> future = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        boolean cancelRequested = false;
        long deadline = System.nanoTime() + timeout.plusSeconds(30).toNanos();
        String lastPods = "";
        while (true) {
            try {
                future.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                if (progress.isCancelled() && !cancelRequested) {
                    cancelRequested = true;
                    progress.update("Cancelling: waiting for Helm to return (at most " + timeout.toSeconds()
                            + " s)", -1);
                }
                lastPods = reportPods(namespace, release, lastPods, progress);
                if (System.nanoTime() > deadline) {
                    throw new HelmException("helm " + what + " did not return within " + timeout.plusSeconds(30)
                            .toSeconds() + " s; check the release with helm status " + release + " -n " + namespace);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c
                        ? c.getCause() : e.getCause();
                throw new HelmException(helmMessage(what, cause), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        if (cancelRequested) {
            throw new CancelledException();
        }
    }

    private String reportPods(String namespace, String release, String last, Progress progress) {
        try {
            var pods = kube.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", release).list()
                    .getItems();
            long ready = pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
                    && p.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
            String summary = ready + "/" + pods.size() + " pods of " + release + " ready";
            if (!summary.equals(last)) {
                progress.update(summary, pods.isEmpty() ? -1 : (double) ready / pods.size());
                pods.forEach(p -> progress.log(p.getMetadata().getName() + " on " + p.getSpec().getNodeName() + ": "
                        + (p.getStatus() == null ? "Pending" : p.getStatus().getPhase())));
            }
            return summary;
        } catch (RuntimeException e) {
            LOG.debug("Could not list pods of {} while Helm waits", release, e);
            return last;
        }
    }

    private static <T> T helm(String what, java.util.concurrent.Callable<T> call) throws HelmException {
        try {
            return call.call();
        } catch (Exception e) {
            throw new HelmException(helmMessage(what, e), e);
        }
    }

    /** "Could not add Helm repository vm (...): <Helm's own message>" plus a hint for the common causes. */
    static String helmMessage(String what, Throwable e) {
        String helm = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
        String hint = "";
        String lower = helm.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("no such host") || lower.contains("connection refused") || lower.contains("dial tcp")
                || lower.contains("i/o timeout") || lower.contains("network is unreachable")) {
            hint = " — the repository cannot be reached from this computer; check the network/proxy, or mirror the "
                    + "chart repository and enter its URL";
        } else if (lower.contains("not found") && what.startsWith("render")) {
            hint = " — add and update the chart's repository first (Phase 1)";
        }
        return "Could not " + what + ": " + helm + hint;
    }

    /** The values as a YAML file on tmpfs when available, mode 0600, deleted right after the call. */
    record ValuesFile(Path path) implements AutoCloseable {
        static ValuesFile of(Map<String, Object> values) throws HelmException {
            try {
                Path shm = Path.of("/dev/shm");
                Path dir = java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm) ? shm
                        : Path.of(System.getProperty("java.io.tmpdir"));
                Path file = java.nio.file.Files.createTempFile(dir, "homelab-values-", ".yaml",
                        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                java.nio.file.Files.writeString(file, dev.homelab.console.util.Json.YAML.writeValueAsString(values));
                return new ValuesFile(file);
            } catch (java.io.IOException e) {
                throw new HelmException("Could not prepare the values for Helm: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                java.nio.file.Files.deleteIfExists(path);
            } catch (java.io.IOException e) {
                LOG.warn("Could not delete the temporary values file {}: {}", path, e.getMessage());
            }
        }
    }
}
