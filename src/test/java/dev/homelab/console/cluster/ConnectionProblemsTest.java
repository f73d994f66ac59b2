package dev.homelab.console.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.KubeconfigSelection;
import dev.homelab.console.app.Settings;
import dev.homelab.console.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every failure the connect flow can meet is explained with cause and fix, through the real client code —
 * and the kubeconfig's credentials appear in no message and no log line.
 */
class ConnectionProblemsTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.U2lnbmF0dXJlLXNlY3JldA";
    private static final String KEY_DATA = "LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUZha2VLZXlEYXRh";

    @TempDir
    Path dir;
    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    private Path kubeconfig(String server, String extraUser) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: lab
                clusters: [{name: lab, cluster: {server: "%s"}}]
                contexts: [{name: lab, context: {cluster: lab, user: admin}}]
                users:
                - name: admin
                  user:
                    token: %s
                %s""".formatted(server, TOKEN, extraUser));
        return file;
    }

    private ConnectionProblem connectAndFail(Path kubeconfig, Duration timeout) {
        AppDirs dirs = AppDirs.under(dir.resolve("app"));
        Connector connector = new Connector(dirs, Settings.load(dirs), LoginShellPath.system(), timeout);
        try (Connector.Connected connected = connector.connectWithReport(new KubeconfigSelection(kubeconfig, null),
                Progress.none())) {
            return fail("connected unexpectedly to " + connected.report().serverUrl());
        } catch (ConnectionFailedException e) {
            assertNoSecretIn(e.getMessage(), e.problem().toString(), stackText(e));
            return e.problem();
        }
    }

    private void assertNoSecretIn(String... texts) {
        List<String> all = new ArrayList<>(List.of(texts));
        for (ILoggingEvent event : logs.list) {
            all.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                all.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(all).allSatisfy(text -> assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY_DATA)
                .doesNotContain("c2VjcmV0LXRva2VuLXBheWxvYWQ"));
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    @Test
    void unreachableServerNamesTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "https://127.0.0.1:" + closedPort;
        ConnectionProblem problem = connectAndFail(kubeconfig(url, ""), Duration.ofSeconds(10));
        assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.UNREACHABLE);
        assertThat(problem.detail()).contains(url);
        assertThat(problem.fix()).contains("6443");
    }

    @Test
    void unknownHostIsUnreachable() throws Exception {
        ConnectionProblem problem = connectAndFail(kubeconfig("https://pi-server.invalid:6443", ""),
                Duration.ofSeconds(10));
        assertThat(problem.kind()).isIn(ConnectionProblem.Kind.UNREACHABLE, ConnectionProblem.Kind.TIMEOUT);
        assertThat(problem.detail()).contains("pi-server.invalid");
    }

    @Test
    void untrustedCertificateIsATlsProblem() throws Exception {
        HttpsServer server = selfSignedServer();
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort();
            ConnectionProblem problem = connectAndFail(kubeconfig(url, ""), Duration.ofSeconds(10));
            assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.TLS);
            assertThat(problem.detail()).contains(url);
            assertThat(problem.fix()).contains("certificate-authority-data");
        } finally {
            server.stop(0);
        }
    }

    /** An API server that answers every request with this status code and Kubernetes Status body. */
    private static mockwebserver3.MockWebServer answering(int code, String message) throws Exception {
        mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer();
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return new mockwebserver3.MockResponse.Builder().code(code).addHeader("Content-Type",
                        "application/json").body("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":"
                        + "\"Failure\",\"code\":" + code + ",\"message\":\"" + message.replace("\"", "\\\"")
                        + "\"}").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    @Test
    void rejectedCredentialsAre401() throws Exception {
        try (mockwebserver3.MockWebServer server = answering(401, "Unauthorized")) {
            String url = "http://127.0.0.1:" + server.getPort();
            ConnectionProblem problem = connectAndFail(kubeconfig(url, ""), Duration.ofSeconds(10));
            assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.UNAUTHORIZED);
            assertThat(problem.title()).isEqualTo("Credentials rejected");
            assertThat(problem.detail()).contains(url).contains("expired");
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        }
    }

    @Test
    void rbacDenialNamesVerbResourceAndNamespace() throws Exception {
        try (mockwebserver3.MockWebServer server = answering(403, "version is forbidden: User "
                + "\"system:serviceaccount:lab:viewer\" cannot get resource \"version\" in API group \"\" at the "
                + "cluster scope")) {
            ConnectionProblem problem = connectAndFail(kubeconfig("http://127.0.0.1:" + server.getPort(), ""),
                    Duration.ofSeconds(10));
            assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.FORBIDDEN);
            assertThat(problem.detail()).isEqualTo("user system:serviceaccount:lab:viewer may not get version "
                    + "cluster-wide");
        }
        assertThat(ConnectionProblems.describeDenial("secrets is forbidden: User \"bob\" cannot list resource "
                + "\"secrets\" in API group \"\" in the namespace \"loki\""))
                .isEqualTo("user bob may not list secrets in namespace loki");
        assertThat(ConnectionProblems.describeDenial("leases.coordination.k8s.io is forbidden: User \"bob\" cannot "
                + "create resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"homelab-console\""))
                .isEqualTo("user bob may not create coordination.k8s.io/leases in namespace homelab-console");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheBound() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (Exception ignored) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();
            ConnectionProblem problem = connectAndFail(kubeconfig("http://127.0.0.1:" + silent.getLocalPort(), ""),
                    Duration.ofSeconds(2));
            assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.TIMEOUT);
            assertThat(problem.detail()).contains("127.0.0.1:" + silent.getLocalPort());
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(15);
        }
    }

    @Test
    void failingExecPluginIsExplainedWithItsStderr() throws Exception {
        Path plugin = dir.resolve("k3s-sso");
        Files.writeString(plugin, "#!/bin/sh\necho 'login required: session expired' >&2\nexit 1\n");
        plugin.toFile().setExecutable(true);
        Path file = dir.resolve("exec-config");
        Files.writeString(file, """
                apiVersion: v1
                current-context: lab
                clusters: [{name: lab, cluster: {server: "https://127.0.0.1:6443", client-key-data: %s}}]
                contexts: [{name: lab, context: {cluster: lab, user: sso}}]
                users:
                - name: sso
                  user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: ./k3s-sso}}
                """.formatted(KEY_DATA));
        ConnectionProblem problem = connectAndFail(file, Duration.ofSeconds(10));
        assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.EXEC_PLUGIN);
        assertThat(problem.detail()).contains("login required: session expired").contains("exited with code 1");
    }

    @Test
    void transportExceptionsAreClassified() {
        assertThat(ConnectionProblems.explain(new KubernetesClientException("x", new SocketTimeoutException("timeout")),
                "https://pi:6443").kind()).isEqualTo(ConnectionProblem.Kind.TIMEOUT);
        assertThat(ConnectionProblems.explain(new SSLHandshakeException("PKIX path validation failed: "
                + "validity check failed, NotAfter: Mon Jan 01"), "https://pi:6443").detail()).contains("expired");
        assertThat(ConnectionProblems.explain(new javax.net.ssl.SSLException("Unrecognized SSL message, "
                + "plaintext connection?"), "https://pi:80").detail()).contains("does not speak TLS");
        ConnectionProblem unknown = ConnectionProblems.explain(new IllegalStateException("Authorization: Bearer "
                + TOKEN), "https://pi:6443");
        assertThat(unknown.kind()).isEqualTo(ConnectionProblem.Kind.UNKNOWN);
        assertThat(unknown.detail()).doesNotContain(TOKEN);
    }

    @Test
    void redactionRemovesCredentialShapesButKeepsPaths() {
        String text = "token: abc.def password=hunter2 client-key-data: " + KEY_DATA + " Bearer " + TOKEN
                + " -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- /home/pi/.kube/config";
        String scrubbed = Redaction.scrub(text);
        assertThat(scrubbed).doesNotContain("abc.def").doesNotContain("hunter2").doesNotContain(KEY_DATA)
                .doesNotContain(TOKEN).doesNotContain("MIIEow").contains("/home/pi/.kube/config");
    }

    /** An HTTPS server with a fresh self-signed certificate (keytool), which the kubeconfig does not trust. */
    private HttpsServer selfSignedServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pi-server",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit", "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
