package dev.homelab.console.app;

import dev.homelab.console.helm.HelmJavaReleaseManager;
import dev.homelab.console.helm.KubeconfigYaml;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ConnectionCheck;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.ConnectionProblem;
import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.ExecCredentialPlugin;
import dev.homelab.console.cluster.KubeconfigContexts;
import dev.homelab.console.cluster.LoginShellPath;
import dev.homelab.console.cluster.PortForwardServiceAccess;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.HelmJavaReleaseManager;
import dev.homelab.console.helm.KubeconfigYaml;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The connect flow: from a kubeconfig selection to a checked {@link ConsoleContext} (fabric8 on OkHttp, connection
 * check, self-healing port-forwards, Helm through helm-java), remembering the choice in the settings.
 */
public final class Connector {

    public static final String SETTING_KUBECONFIG_FILE = "kubeconfig.file";
    public static final String SETTING_CONTEXT = "kubeconfig.context";
    /** Prefix of per-service URL overrides: {@code service.override.<namespace>/<name>:<port>} = URL. */
    public static final String SETTING_SERVICE_OVERRIDE = "service.override.";
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    /**
     * fabric8's mock server (the sandbox's API server) logs every request at INFO through java.util.logging, which
     * would flood the CLI's stderr; held strongly because JUL keeps loggers only weakly.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** A connected cluster and what the connection check observed. Closing it closes the context. */
    public record Connected(ConsoleContext context, ConnectionReport report) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    private final AppDirs dirs;
    private final Settings settings;
    private final LoginShellPath path;
    private final Duration checkTimeout;

    public Connector(AppDirs dirs, Settings settings) {
        this(dirs, settings, LoginShellPath.system(), ConnectionCheck.DEFAULT_TIMEOUT);
    }

    public Connector(AppDirs dirs, Settings settings, LoginShellPath path, Duration checkTimeout) {
        this.dirs = dirs;
        this.settings = settings;
        this.path = path;
        this.checkTimeout = checkTimeout;
    }

    /** The kubeconfig the selection names (its file, or kubectl's default files). */
    public static KubeconfigContexts contexts(KubeconfigSelection selection) throws ConnectionFailedException {
        return selection.file() == null ? KubeconfigContexts.load() : KubeconfigContexts.load(selection.file());
    }

    /** What the user chose last time (file and context), if anything. */
    public Optional<KubeconfigSelection> lastSelection() {
        Optional<String> context = settings.get(SETTING_CONTEXT);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Path file = settings.get(SETTING_KUBECONFIG_FILE).filter(f -> !f.isBlank()).map(Path::of).orElse(null);
        return Optional.of(new KubeconfigSelection(file, context.get()));
    }

    public ConsoleContext connect(KubeconfigSelection selection, Progress progress) throws ConnectionFailedException {
        return connectWithReport(selection, progress).context();
    }

    public Connected connectWithReport(KubeconfigSelection selection, Progress progress)
            throws ConnectionFailedException {
        progress.update("Reading kubeconfig", 0.0);
        KubeconfigContexts contexts = contexts(selection);
        String name = selection.contextIfChosen().or(contexts::currentContext).orElse(null);
        Config config = contexts.clientConfig(name, path);
        String contextName = config.getCurrentContext() == null ? name : config.getCurrentContext().getName();
        KubernetesClient kube = client(config);
        try {
            ConnectionReport report = check(kube, contextName, progress);
            ClusterIdentity identity = new ClusterIdentity(contextName, report.serverUrl(), report.clusterId(), false);
            PortForwardServiceAccess services = new PortForwardServiceAccess(kube, this::serviceOverride);
            ClusterSession session = new ClusterSession(kube, identity, services);
            settings.put(SETTING_KUBECONFIG_FILE, selection.file() == null ? "" : selection.file().toString());
            settings.put(SETTING_CONTEXT, contextName);
            HelmJavaReleaseManager releases = new HelmJavaReleaseManager(kube,
                    () -> KubeconfigYaml.from(withCurrentToken(config)), dirs);
            return new Connected(new ConsoleContext(session, releases, dirs, null), report);
        } catch (ConnectionFailedException | RuntimeException e) {
            kube.close();
            throw e;
        }
    }

    /**
     * Starts the simulated home lab (the scenario file, or the built-in default lab) and returns it as a console
     * context like any cluster's; closing the context stops the lab.
     */
    public ConsoleContext sandbox(Optional<Path> scenario, Progress progress) {
        SandboxLab lab = startLab(scenario, progress);
        return new ConsoleContext(lab.session(), lab.releases(), dirs, lab.lifecycle());
    }

    /** The sandbox, connection-checked through the same client code as a real cluster. */
    public Connected sandboxWithReport(Optional<Path> scenario, Progress progress) throws ConnectionFailedException {
        ConsoleContext context = sandbox(scenario, progress);
        try {
            ConnectionReport report = ConnectionCheck.check(context.cluster().kube(),
                    context.cluster().identity().contextName(), checkTimeout, progress);
            return new Connected(context, report);
        } catch (ConnectionFailedException | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private SandboxLab startLab(Optional<Path> scenario, Progress progress) {
        progress.update(scenario.map(f -> "Starting the simulated home lab from " + f.getFileName())
                .orElse("Starting the simulated home lab"), -1);
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        long started = System.nanoTime();
        SandboxLab lab = Sandbox.start(scenario, dirs);
        LOG.info("Sandbox up in {} ms", (System.nanoTime() - started) / 1_000_000);
        return lab;
    }

    /** Helm gets a static kubeconfig: an exec plugin's credential is copied in at the moment Helm runs. */
    private static Config withCurrentToken(Config config) {
        if (config.getOauthTokenProvider() == null) {
            return config;
        }
        return new ConfigBuilder(config).withOauthTokenProvider(null)
                .withOauthToken(config.getOauthTokenProvider().getToken()).build();
    }

    /** A fabric8 client on the OkHttp HTTP client (the Vert.x one is excluded from the build). */
    public static KubernetesClient client(Config config) {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }

    private ConnectionReport check(KubernetesClient kube, String context, Progress progress)
            throws ConnectionFailedException {
        try {
            return ConnectionCheck.check(kube, context, checkTimeout, progress);
        } catch (ConnectionFailedException e) {
            // A plugin's cached token can be revoked early; kubectl re-runs the plugin once after a 401.
            if (e.problem().kind() == ConnectionProblem.Kind.UNAUTHORIZED
                    && kube.getConfiguration().getOauthTokenProvider() instanceof ExecCredentialPlugin plugin) {
                LOG.info("401 with a plugin credential; running {} again", plugin.command());
                plugin.invalidate();
                return ConnectionCheck.check(kube, context, checkTimeout, progress);
            }
            throw e;
        }
    }

    private Optional<URI> serviceOverride(ServiceRef service) {
        return settings.get(SETTING_SERVICE_OVERRIDE + service).filter(s -> !s.isBlank()).map(URI::create);
    }
}
