package dev.homelab.console.ui.wizard;

import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.TestConsoles;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.s3.LocalS3;
import dev.homelab.console.verify.s3.S3BucketCheck;
import dev.homelab.console.verify.s3.S3Credentials;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wizard in a real window (headless Monocle) over the mock cluster with a Loki release whose MinIO is a real S3
 * server (s3proxy): review the plan, apply, see progress and green evidence; a failing step shows Helm's error and
 * offers clean-up and undo.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WizardPageUiTest {

    static final S3Credentials MINIO = new S3Credentials("loki-user", "loki-secret-0123456789");

    @TempDir
    static Path home;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static LocalS3 s3;
    FakeReleaseManager releases;
    ConsoleContext console;
    BackgroundTasks tasks;
    final List<String> navigation = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(
                io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()), new io.fabric8.mockwebserver.MockWebServer(),
                new java.util.HashMap<>(), new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(),
                false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        s3 = LocalS3.start(MINIO);
        new S3BucketCheck(s3.endpoint(), MINIO, null).create("loki-data");
        client.resource(new SecretBuilder().withNewMetadata().withName("loki-s3").withNamespace("logging")
                .endMetadata().addToData("AK", b64(MINIO.accessKey())).addToData("SK", b64(MINIO.secretKey()))
                .build()).create();
    }

    @AfterAll
    static void stopServers() throws Exception {
        s3.close();
        server.destroy();
    }

    @Start
    void start(Stage stage) {
        releases = new FakeReleaseManager();
        installLoki();
        ConsoleContext mocked = TestConsoles.console(client, releases, home,
                Map.of(new ServiceRef("minio", "minio", 9000), s3.endpoint()));
        // the mock cluster as a real cluster (not the sandbox): no sandbox hints
        console = new ConsoleContext(new dev.homelab.console.cluster.ClusterSession(client,
                new dev.homelab.console.cluster.ClusterIdentity("pi-lab", "https://192.168.1.50:6443", "cluster-1",
                        false), mocked.cluster().services()), releases, mocked.dirs(), null);
        tasks = new BackgroundTasks();
        WizardPage page = new WizardPage(new UiContext(console, tasks, navigation::add));
        stage.setScene(new Scene((javafx.scene.Parent) page.view(), 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    @Test
    void phaseOneBucketsArePlannedAppliedAndProvenWithGreenEvidence(FxRobot robot) {
        robot.clickOn("#step-minio-buckets");
        robot.clickOn("#review-plan");
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot.lookup("#plan-view").query())
                .contains("create bucket loki-chunks at minio.minio.svc:9000"));
        assertThat(robot.lookup("#apply-plan").query().isVisible()).isTrue();
        screenshot(robot, "wizard-phase1-plan.png");
        assertThat(preflight(robot)).anyMatch(line -> line.contains("Secret logging/loki-s3"));

        robot.clickOn("#apply-plan");

        await().atMost(Duration.ofSeconds(30)).until(() -> evidence(robot).size() == 2);
        assertThat(evidence(robot)).allMatch(CheckResult::passed);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#step-state").queryAs(Label.class)
                .getText().startsWith("done"));
        screenshot(robot, "wizard-phase1-evidence.png");
    }

    /** For looking at the page (target/screenshots); not an assertion. */
    private static void screenshot(FxRobot robot, String name) {
        robot.interact(() -> {
            try {
                javafx.scene.image.WritableImage image = robot.lookup("#wizard-page").query().getScene().snapshot(null);
                Path dir = Path.of("target", "screenshots");
                java.nio.file.Files.createDirectories(dir);
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                        dir.resolve(name).toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aFailingStepShowsHelmsErrorAndOffersCleanUpAndUndo(FxRobot robot) {
        releases.failRepositoryWith = "looks like \"https://victoriametrics.github.io/helm-charts/\" is not a valid "
                + "chart repository or cannot be reached: dial tcp: lookup victoriametrics.github.io: no such host";
        robot.clickOn("#step-helm-repositories");
        robot.clickOn("#review-plan");
        await().atMost(Duration.ofSeconds(30)).until(() -> text(robot.lookup("#plan-view").query())
                .contains("helm repo add victoria-metrics"));
        assertThat(text(robot.lookup("#plan-view").query())).contains("nothing changes in the cluster");

        robot.clickOn("#apply-plan");

        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#step-error").queryAs(Label.class)
                .isVisible());
        assertThat(robot.lookup("#step-error").queryAs(Label.class).getText()).contains("no such host")
                .contains("repo.victoria-metrics=<mirror URL>");
        assertThat(robot.lookup("#step-state").queryAs(Label.class).getText()).startsWith("failed");
        screenshot(robot, "wizard-failed-step.png");

        robot.clickOn("#undo");
        assertThat(robot.lookup("#undo-confirmation").query().isVisible()).isTrue();
        robot.clickOn("#confirm-undo");

        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#step-state").queryAs(Label.class)
                .getText().startsWith("undone"));
    }

    @Test
    void onARealClusterTheGrafanaTokenIsAskedInAMaskedFieldWithoutTheSandboxHint(FxRobot robot) {
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#step-grafana-datasources").tryQuery()
                .isPresent());
        robot.interact(() -> robot.lookup("#step-grafana-datasources").queryButton().fire());

        assertThat(robot.lookup("#grafana-token").queryAs(Node.class))
                .isInstanceOf(javafx.scene.control.PasswordField.class);
        assertThat(robot.lookup("#grafana-token-state").queryAs(Label.class).getText()).isEqualTo("Token: not given");
        assertThat(robot.lookup("#grafana-sandbox-hint").tryQuery()).isEmpty();
        assertThat(robot.lookup("#pushover-sandbox-hint").tryQuery()).isEmpty();
    }

    @Test
    void theChartsAreOneClickAway(FxRobot robot) {
        robot.clickOn("#open-charts");

        assertThat(navigation).containsExactly("charts");
    }

    private void installLoki() {
        Map<String, Object> values = Map.of(
                "global", Map.of("extraEnvFrom", List.of(Map.of("secretRef", Map.of("name", "loki-s3")))),
                "loki", Map.of("storage", Map.of("bucketNames", Map.of("chunks", "loki-chunks", "ruler", "loki-data"),
                        "s3", Map.of("endpoint", "minio.minio.svc:9000", "insecure", true, "s3ForcePathStyle", true,
                                "accessKeyId", "${AK}", "secretAccessKey", "${SK}"))));
        releases.preinstall(new HelmRelease("loki", "logging", 1, "deployed", "loki", "6.55.0", "3.6.7", values, "",
                Instant.now(), "Install complete"));
    }

    @SuppressWarnings("unchecked")
    private static List<CheckResult> evidence(FxRobot robot) {
        return new ArrayList<>(((ItemsBox<CheckResult>) robot.lookup("#evidence-list").query()).getItems());
    }

    @SuppressWarnings("unchecked")
    private static List<String> preflight(FxRobot robot) {
        return ((ItemsBox<dev.homelab.console.migration.PreflightCheck>) robot.lookup("#preflight-list").query())
                .getItems().stream().map(c -> c.title() + ": " + c.reason()).toList();
    }

    private static String text(Node node) {
        StringBuilder all = new StringBuilder();
        collect(node, all);
        return all.toString();
    }

    private static void collect(Node node, StringBuilder all) {
        if (node instanceof Label label) {
            all.append(label.getText()).append('\n');
        } else if (node instanceof javafx.scene.text.Text text) {
            all.append(text.getText());
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, all));
        }
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
