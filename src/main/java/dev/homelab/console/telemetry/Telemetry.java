package dev.homelab.console.telemetry;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.task.Progress;
import dev.homelab.console.telemetry.baseline.Baseline;
import dev.homelab.console.telemetry.baseline.Baselines;
import dev.homelab.console.telemetry.baseline.Comparer;
import dev.homelab.console.telemetry.baseline.Comparison;
import dev.homelab.console.telemetry.baseline.WindowAnalyzer;
import dev.homelab.console.telemetry.baseline.WindowSummary;
import dev.homelab.console.telemetry.history.HistoryImport;
import dev.homelab.console.telemetry.history.HistoryImporter;
import dev.homelab.console.telemetry.history.Tsdb;
import dev.homelab.console.telemetry.history.TsdbLocator;
import dev.homelab.console.telemetry.store.SampleStore;
import dev.homelab.console.telemetry.store.SampleStores;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry of one connected cluster: its history store, the sampler (while the app is connected), baselines,
 * comparisons and the PromQL history fill. The charts page starts it on connect and closes it on disconnect; other
 * capabilities (the migration wizard) find the running instance with {@link #running(String)} or go through
 * {@link #ensureBaseline}.
 */
public final class Telemetry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    private static final Map<String, Telemetry> RUNNING = new ConcurrentHashMap<>();
    public static final String DEFAULT_BASELINE_NAME = "before migration";

    private final ConsoleContext context;
    private final SampleStore store;
    private final ClusterObserver observer;
    private final Sampler sampler;
    private final Clock clock;
    private final ScheduledExecutorService housekeeping;
    private volatile TelemetrySettings settings;

    private Telemetry(ConsoleContext context, SampleStore store, ClusterObserver observer, Sampler sampler,
                      Clock clock, TelemetrySettings settings) {
        this.context = context;
        this.store = store;
        this.observer = observer;
        this.sampler = sampler;
        this.clock = clock;
        this.settings = settings;
        this.housekeeping = sampler == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "telemetry-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the cluster's history and starts sampling; registered until {@link #close()}. */
    public static Telemetry start(ConsoleContext context, TelemetrySettings settings) {
        SampleStore store = SampleStores.open(context.dirs(), context.cluster().identity().clusterId());
        ClusterObserver observer = new ClusterObserver(context.cluster().kube());
        Sampler sampler = new Sampler(new MetricsServerClient(context.cluster().kube()), observer, store,
                Clock.systemUTC(), settings.interval());
        Telemetry telemetry = new Telemetry(context, store, observer, sampler, Clock.systemUTC(), settings);
        telemetry.housekeeping.scheduleWithFixedDelay(telemetry::prune, 0, 1, TimeUnit.HOURS);
        sampler.start();
        RUNNING.put(context.cluster().identity().clusterId(), telemetry);
        return telemetry;
    }

    /** The history only, without sampling (the command line). */
    public static Telemetry offline(ConsoleContext context) {
        SampleStore store = SampleStores.open(context.dirs(), context.cluster().identity().clusterId());
        return new Telemetry(context, store, null, null, Clock.systemUTC(), TelemetrySettings.DEFAULTS);
    }

    public static Optional<Telemetry> running(String clusterId) {
        return Optional.ofNullable(RUNNING.get(clusterId));
    }

    /**
     * For the migration wizard, before Phase 2: returns the newest existing baseline of this cluster, or captures
     * one named {@value #DEFAULT_BASELINE_NAME} over the last {@code window}, first filling the window from
     * Prometheus/VictoriaMetrics history where the app did not sample. Throws
     * {@link Baselines.NoSamplesException} when there is no usage data at all for the window.
     */
    public static EnsuredBaseline ensureBaseline(ConsoleContext context, Duration window, Progress progress) {
        Optional<Telemetry> live = running(context.cluster().identity().clusterId());
        Telemetry telemetry = live.orElseGet(() -> offline(context));
        try {
            return telemetry.ensureBaseline(window, progress);
        } finally {
            if (live.isEmpty()) {
                telemetry.close();
            }
        }
    }

    /** The outcome of {@link #ensureBaseline}: the baseline, whether it was just captured, and caveats. */
    public record EnsuredBaseline(Baseline baseline, boolean created, List<String> notes) {
    }

    public EnsuredBaseline ensureBaseline(Duration window, Progress progress) {
        List<Baseline> existing = baselines().list();
        if (!existing.isEmpty()) {
            return new EnsuredBaseline(existing.get(existing.size() - 1), false, List.of());
        }
        Instant to = clock.instant();
        Instant from = to.minus(window);
        List<String> notes = new ArrayList<>();
        progress.update("Filling the baseline window from Prometheus/VictoriaMetrics where needed", -1);
        notes.addAll(fillFromPromQL(from, to, progress).problems());
        progress.checkCancelled();
        progress.update("Capturing baseline '" + DEFAULT_BASELINE_NAME + "'", -1);
        Baseline baseline = baselines().capture(uniqueName(DEFAULT_BASELINE_NAME), from, to);
        if (baseline.window().coverage() < 0.9) {
            notes.add(String.format(java.util.Locale.ROOT, "The baseline covers %.0f %% of the %d min window.",
                    baseline.window().coverage() * 100, window.toMinutes()));
        }
        return new EnsuredBaseline(baseline, true, notes);
    }

    private String uniqueName(String name) {
        List<String> names = baselines().names();
        String candidate = name;
        for (int i = 2; names.contains(candidate); i++) {
            candidate = name + " " + i;
        }
        return candidate;
    }

    /** What filling from PromQL achieved; {@code problems} explains why nothing was filled when nothing was. */
    public record FillResult(List<HistoryImport> imports, List<String> problems) {
    }

    /**
     * Reads the ranges of [from, to] the app did not sample from the databases found in the cluster (vmsingle
     * first, then Prometheus), stopping at the first that fills them.
     */
    public FillResult fillFromPromQL(Instant from, Instant to, Progress progress) {
        List<HistoryImport> imports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Tsdb> databases;
        try {
            databases = TsdbLocator.locate(context.cluster().kube());
        } catch (RuntimeException e) {
            problems.add("Could not list Services to find Prometheus/VictoriaMetrics: " + e.getMessage());
            return new FillResult(imports, problems);
        }
        if (databases.isEmpty()) {
            problems.add("No Prometheus or VictoriaMetrics Service found in the cluster: only the app's own samples"
                    + " are available.");
        } else {
            rememberRunningPods().ifPresent(problems::add);
        }
        for (Tsdb tsdb : databases) {
            progress.checkCancelled();
            progress.update("Reading history from " + tsdb, -1);
            try {
                ServiceEndpoint endpoint = context.cluster().services().open(tsdb.service());
                HistoryImporter importer = new HistoryImporter(PromApiClient.of(endpoint, true),
                        tsdb + " via " + endpoint.via(), store, nodeIps());
                HistoryImport result = importer.fill(from, to);
                imports.add(result);
                problems.addAll(result.problems());
                if (result.ranges().isEmpty() || result.rounds() > 0) {
                    break;
                }
            } catch (ServiceUnreachableException | PromApiException e) {
                problems.add(tsdb + ": " + e.getMessage());
            }
        }
        return new FillResult(imports, problems);
    }

    /**
     * Classifies the pods that run now by their labels and Helm releases, as the sampler does, and remembers them, so
     * the history read from PromQL attributes them to the same components ("Grafana (grafana)",
     * "node-exporter (kube-prometheus-stack)") instead of guessing from pod names. Returns a problem, if any.
     */
    private Optional<String> rememberRunningPods() {
        try {
            List<Pod> pods;
            Map<String, String> charts;
            if (observer != null && !observer.pods().isEmpty()) {
                pods = observer.pods();
                charts = observer.releaseCharts();
            } else {
                pods = context.cluster().kube().pods().inAnyNamespace().list().getItems();
                charts = ClusterObserver.releaseCharts(context.cluster().kube().secrets().inAnyNamespace()
                        .withLabel("owner", "helm").list().getItems());
            }
            ComponentClassifier classifier = new ComponentClassifier(charts);
            Map<String, String> components = new HashMap<>();
            for (Pod pod : pods) {
                classifier.classify(pod.getMetadata()).ifPresent(c -> components.put(
                        pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), c.component().key()));
            }
            store.rememberPods(components);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Could not list pods and Helm releases (" + e.getMessage() + "): history pods are"
                    + " attributed to components by their names only.");
        }
    }

    private Map<String, String> nodeIps() {
        Map<String, String> ips = new HashMap<>();
        if (observer != null && !observer.nodes().isEmpty()) {
            observer.nodes().forEach(n -> ips.put(n.name(), n.internalIp()));
            return ips;
        }
        context.cluster().kube().nodes().list().getItems().forEach(node -> {
            String ip = "";
            if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
                for (NodeAddress address : node.getStatus().getAddresses()) {
                    if ("InternalIP".equals(address.getType())) {
                        ip = address.getAddress();
                    }
                }
            }
            ips.put(node.getMetadata().getName(), ip);
        });
        return ips;
    }

    public WindowSummary summarize(Instant from, Instant to) {
        return new WindowAnalyzer(store).summarize(from.toEpochMilli(), to.toEpochMilli());
    }

    /** The named baseline against the last {@code after} window. */
    public Comparison compare(String baselineName, Duration after) {
        Baseline baseline = baselines().get(baselineName).orElseThrow(() -> new IllegalArgumentException(
                "No baseline named '" + baselineName + "'. Known: " + baselines().names()));
        Instant to = clock.instant();
        return Comparer.compare(baseline, summarize(to.minus(after), to));
    }

    public Baselines baselines() {
        return new Baselines(store, clock);
    }

    public SampleStore store() {
        return store;
    }

    public Optional<Sampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    public ConsoleContext context() {
        return context;
    }

    public TelemetrySettings settings() {
        return settings;
    }

    /** New interval takes effect at once; new bounds at the next hourly pruning (and now). */
    public void apply(TelemetrySettings newSettings) {
        settings = newSettings;
        if (sampler != null) {
            sampler.setInterval(newSettings.interval());
            housekeeping.execute(this::prune);
        }
    }

    private void prune() {
        try {
            store.prune(settings.retention(), settings.maxBytes());
        } catch (RuntimeException e) {
            LOG.warn("Pruning the history failed", e);
        }
    }

    @Override
    public void close() {
        RUNNING.remove(context.cluster().identity().clusterId(), this);
        if (sampler != null) {
            sampler.close();
            housekeeping.shutdownNow();
        }
        if (observer != null) {
            observer.close();
        }
        store.close();
    }
}
