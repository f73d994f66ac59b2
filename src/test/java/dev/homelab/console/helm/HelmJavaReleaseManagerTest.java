package dev.homelab.console.helm;

import com.marcnuri.helm.Helm;
import dev.homelab.console.app.AppDirs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * helm-java against what works offline: a chart repository served over local HTTP (index.yaml + a packaged chart)
 * and rendering. Installing needs a real API server (Helm speaks protobuf, which the mock cannot store).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class HelmJavaReleaseManagerTest {

    KubernetesClient client;
    @TempDir
    Path home;
    Path chartDir;
    MockWebServer repository = new MockWebServer();
    HelmJavaReleaseManager manager;

    @BeforeEach
    void setUp() throws Exception {
        chartDir = home.resolve("charts/tiny");
        Files.createDirectories(chartDir.resolve("templates"));
        Files.writeString(chartDir.resolve("Chart.yaml"), "apiVersion: v2\nname: tiny\nversion: 0.1.0\n");
        Files.writeString(chartDir.resolve("values.yaml"), "message: hello\nreplicas: 1\n");
        Files.writeString(chartDir.resolve("templates/cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Release.Name }}-tiny
                data:
                  message: {{ .Values.message | quote }}
                  replicas: {{ .Values.replicas | quote }}
                """);
        manager = new HelmJavaReleaseManager(client, () -> "", AppDirs.under(home.resolve("app")));
    }

    @AfterEach
    void tearDown() {
        repository.close();
    }

    @Test
    void rendersALocalChartWithTheGivenValuesOffline() throws Exception {
        ChartRef chart = new ChartRef("local", home.resolve("charts").toUri(), "tiny", "0.1.0");

        String manifest = manager.template(new ReleaseRequest("demo", "monitoring", chart,
                Map.of("message", "from the console"), false, Duration.ofSeconds(30)));

        assertThat(manifest).contains("name: demo-tiny").contains("message: \"from the console\"")
                .contains("replicas: \"1\"");
    }

    @Test
    void addsARepositoryServedOverHttpAndRendersItsChart() throws Exception {
        Path packaged = home.resolve("packaged");
        Files.createDirectories(packaged);
        new Helm(chartDir).packageIt().withDestination(packaged).call();
        byte[] tgz = Files.readAllBytes(packaged.resolve("tiny-0.1.0.tgz"));
        serveRepository(tgz);
        URI url = repository.url("/charts/").uri();

        manager.addOrUpdateRepository("tinyrepo", url);
        manager.addOrUpdateRepository("tinyrepo", url);

        assertThat(manager.repositories()).extracting(r -> r.getName()).containsExactly("tinyrepo");
        assertThat(Files.readString(home.resolve("app/config/helm/repositories.yaml"))).contains("tinyrepo");
        assertThat(manager.chartVersions("tinyrepo", "tiny")).containsExactly("0.1.0");
        assertThat(manager.chartVersions("tinyrepo", "absent")).isEmpty();
        String manifest = manager.template(new ReleaseRequest("demo", "default",
                new ChartRef("tinyrepo", url, "tiny", "0.1.0"), Map.of(), false, Duration.ofSeconds(30)));
        assertThat(manifest).contains("message: \"hello\"");
        assertThat(repository.getRequestCount()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUnreachableRepositoryIsReportedWithHelmsMessageAndWhatToDo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/charts/");

        assertThatThrownBy(() -> manager.addOrUpdateRepository("victoria-metrics", url))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("Could not add Helm repository victoria-metrics (" + url + "): ")
                .hasMessageContaining("connection refused")
                .hasMessageContaining("cannot be reached from this computer");
    }

    @Test
    void aChartMissingFromTheRepositoriesCannotBeRendered() {
        assertThatThrownBy(() -> manager.template(new ReleaseRequest("x", "default",
                new ChartRef("nowhere", URI.create("https://example.invalid/"), "nothing", "1.0.0"), Map.of(), false,
                Duration.ofSeconds(5))))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("Could not render nowhere/nothing 1.0.0: ");
    }

    @Test
    void readsReleasesFromHelmsReleaseSecrets() {
        client.resource(HelmReleaseSecrets.encode(new HelmRelease("loki", "logging", 3, "deployed", "loki", "6.55.0",
                "3.6.7", Map.of("deploymentMode", "SingleBinary"), "", null, "Upgrade complete"))).create();

        assertThat(manager.get("logging", "loki")).get().satisfies(r -> {
            assertThat(r.revision()).isEqualTo(3);
            assertThat(r.values()).containsEntry("deploymentMode", "SingleBinary");
        });
        assertThat(manager.list()).extracting(HelmRelease::name).containsExactly("loki");
    }

    private void serveRepository(byte[] tgz) throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tgz));
        repository.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                if (path.endsWith("/index.yaml")) {
                    String index = """
                            apiVersion: v1
                            entries:
                              tiny:
                              - apiVersion: v2
                                name: tiny
                                version: 0.1.0
                                digest: %s
                                urls:
                                - %s
                            generated: "2026-11-26T00:00:00Z"
                            """.formatted(digest, repository.url("/charts/tiny-0.1.0.tgz"));
                    return new MockResponse.Builder().body(index).build();
                }
                if (path.endsWith("/tiny-0.1.0.tgz")) {
                    return new MockResponse.Builder().body(new Buffer().write(tgz)).build();
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        repository.start();
    }
}
