package dev.homelab.console.migration;

import dev.homelab.console.helm.HelmException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.task.Progress;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory releases with history, recording what was called; a failure can be scripted per release. */
public final class FakeReleaseManager implements ReleaseManager {
    public final Map<String, List<HelmRelease>> histories = new LinkedHashMap<>();
    public final List<String> calls = new ArrayList<>();
    public final Map<String, URI> repositories = new LinkedHashMap<>();
    public String failInstallWith;
    public String failRepositoryWith;

    @Override
    public synchronized List<HelmRelease> list() {
        return histories.values().stream().filter(h -> !h.isEmpty()).map(h -> h.get(h.size() - 1)).toList();
    }

    @Override
    public synchronized Optional<HelmRelease> get(String namespace, String name) {
        List<HelmRelease> history = histories.getOrDefault(namespace + "/" + name, List.of());
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    @Override
    public synchronized List<HelmRelease> history(String namespace, String name) {
        return List.copyOf(histories.getOrDefault(namespace + "/" + name, List.of()));
    }

    @Override
    public synchronized void addOrUpdateRepository(String name, URI url) throws HelmException {
        calls.add("repo " + name);
        if (failRepositoryWith != null) {
            throw new HelmException(failRepositoryWith);
        }
        repositories.put(name, url);
    }

    @Override
    public synchronized HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) throws HelmException {
        calls.add("install " + request.namespace() + "/" + request.name());
        List<HelmRelease> history = histories.computeIfAbsent(request.namespace() + "/" + request.name(),
                k -> new ArrayList<>());
        boolean fail = failInstallWith != null;
        HelmRelease release = new HelmRelease(request.name(), request.namespace(), history.size() + 1,
                fail ? "failed" : "deployed", request.chart().chart(), request.chart().version(), "1.0",
                request.values(), "", Instant.now(), fail ? failInstallWith : "Install complete");
        history.add(release);
        if (fail) {
            throw new HelmException(failInstallWith);
        }
        return release;
    }

    /** Adds a deployed release revision as if it had been installed earlier. */
    public synchronized void preinstall(HelmRelease release) {
        histories.computeIfAbsent(release.namespace() + "/" + release.name(), k -> new ArrayList<>()).add(release);
    }

    @Override
    public String template(ReleaseRequest request) {
        return "# rendered " + request.name();
    }

    @Override
    public synchronized HelmRelease rollback(String namespace, String name, int revision, Progress progress) {
        calls.add("rollback " + namespace + "/" + name + " " + revision);
        List<HelmRelease> history = histories.get(namespace + "/" + name);
        HelmRelease target = history.get(revision - 1);
        HelmRelease rolled = new HelmRelease(name, namespace, history.size() + 1, "deployed", target.chartName(),
                target.chartVersion(), target.appVersion(), target.values(), "", Instant.now(),
                "Rollback to " + revision);
        history.add(rolled);
        return rolled;
    }

    @Override
    public synchronized void uninstall(String namespace, String name, Progress progress) {
        calls.add("uninstall " + namespace + "/" + name);
        histories.remove(namespace + "/" + name);
    }
}
