package dev.homelab.console.telemetry.benchmark;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.sandbox.ApiRequestLog;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.overview.OverviewPage;
import dev.homelab.console.ui.shell.UiContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import io.fabric8.mockwebserver.http.RecordedRequest;
import javafx.application.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The app's steady API load on the sandbox lab (4 nodes), counted at the lab's API server: what a connected session
 * opens — the telemetry (sampler + watches) and the overview page (node informer, usage from the sampler, the
 * inventory) — for N minutes. Prints requests per minute by verb and path class, the connect burst (first minute)
 * apart from the steady state.
 * <p>
 * Arguments: minutes (default 3), sampling interval in seconds (default 15). Runs headless (Monocle).
 */
public final class ApiBudgetBenchmark {

    private static final String AGENT = "homelab-console-budget";

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int intervalSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        headless();
        CountDownLatch fxUp = new CountDownLatch(1);
        Platform.startup(fxUp::countDown);
        fxUp.await();
        Path home = Files.createTempDirectory("api-budget");
        AppDirs dirs = AppDirs.under(home);
        SandboxLab lab = Sandbox.start(Optional.empty(), dirs);
        ApiRequestLog log = ApiRequestLog.of(lab, AGENT);
        KubernetesClient kube = appClient(lab.session().identity().serverUrl());
        ConsoleContext console = new ConsoleContext(new ClusterSession(kube, lab.session().identity(),
                lab.session().services()), lab.releases(), dirs, lab.lifecycle());
        BackgroundTasks tasks = new BackgroundTasks();
        log.drain();

        // what ConnectedSession does on connect, then the first page the main window shows
        Telemetry telemetry = Telemetry.start(console, new TelemetrySettings(Duration.ofSeconds(intervalSeconds),
                TelemetrySettings.DEFAULTS.retention(), TelemetrySettings.DEFAULTS.maxBytes()));
        OverviewPage overview = new OverviewPage(new UiContext(console, tasks, id -> { }));
        Platform.runLater(overview::view);

        Thread.sleep(Duration.ofMinutes(1).toMillis());
        List<RecordedRequest> connect = log.drain();
        Thread.sleep(Duration.ofMinutes(minutes - 1L).toMillis());
        List<RecordedRequest> steady = log.drain();

        System.out.printf(Locale.ROOT, "Sandbox lab, 4 nodes, sampling every %d s, %d min; counted at the API server%n",
                intervalSeconds, minutes);
        print("First minute (connect: informer lists, watches, inventory, first rounds)", connect, 1);
        print("Steady state, per minute over " + (minutes - 1) + " min", steady, minutes - 1);
        System.out.printf(Locale.ROOT, "Sampler's own count: %d requests, %.1f/min%n",
                telemetry.sampler().orElseThrow().status().requests(),
                telemetry.sampler().orElseThrow().status().requestsPerMinute());

        CountDownLatch disposed = new CountDownLatch(1);
        Platform.runLater(() -> {
            overview.dispose();
            disposed.countDown();
        });
        disposed.await(10, TimeUnit.SECONDS);
        telemetry.close();
        tasks.close();
        console.close();
        Platform.exit();
    }

    private static void print(String title, List<RecordedRequest> requests, int minutes) {
        System.out.println(title + ":");
        Map<String, Integer> counts = ApiRequestLog.byClass(requests);
        counts.forEach((path, count) -> System.out.printf(Locale.ROOT, "  %6.1f  %s%n", count / (double) minutes,
                path));
        long watches = counts.entrySet().stream().filter(e -> e.getKey().startsWith("WATCH")).mapToLong(
                Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "  total %.1f/min (%.1f/min without watch (re)opens)%n",
                requests.size() / (double) minutes, (requests.size() - watches) / (double) minutes);
    }

    /** The client the sandbox gives the app, with a User-Agent that tells its requests from the simulation's. */
    private static KubernetesClient appClient(String url) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default")
                .withCurrentContext(null).withRequestTimeout(10_000).withConnectionTimeout(5_000)
                .withHttp2Disable(true).withUserAgent(AGENT).build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    private static void headless() {
        Map.of("glass.platform", "Monocle", "monocle.platform", "Headless", "prism.order", "sw",
                "java.awt.headless", "true").forEach((key, value) -> {
                    if (System.getProperty(key) == null) {
                        System.setProperty(key, value);
                    }
                });
    }
}
