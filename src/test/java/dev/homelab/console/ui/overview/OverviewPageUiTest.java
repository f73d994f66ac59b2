package dev.homelab.console.ui.overview;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.ui.common.BackgroundTasks;
import dev.homelab.console.ui.shell.UiContext;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overview page against fabric8's mock API server (CRUD): live nodes through the real informer, a NotReady node
 * marked, usage from metrics.k8s.io, the inventory's release cards; and the message when metrics are missing.
 */
@Tag("ui")
@EnableKubernetesMockClient(crud = true, https = false)
@ExtendWith(ApplicationExtension.class)
class OverviewPageUiTest {

    @TempDir
    Path home;

    private KubernetesMockServer server;
    private KubernetesClient kube;
    private BackgroundTasks tasks;
    private OverviewPage page;
    private Telemetry telemetry;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        tasks = new BackgroundTasks();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            if (page != null) {
                page.dispose();
            }
        });
        if (telemetry != null) {
            telemetry.close();
        }
        tasks.close();
    }

    @Test
    void showsLiveNodesWithUsageMarksNotReadyAndListsTheInventory(FxRobot robot) throws Exception {
        node("pi-server", true, "control-plane");
        node("pi-agent-1", true, null);
        node("pi-agent-2", false, null);
        metrics("pi-server", "1200m", "3Gi");
        metrics("pi-agent-1", "600m", "2Gi");
        release("kube-prometheus-stack", "monitoring", "kube-prometheus-stack", "75.15.1");
        kube.apps().deployments().inNamespace("monitoring").resource(new DeploymentBuilder()
                .withNewMetadata().withName("kube-prometheus-stack-operator").withNamespace("monitoring")
                .addToLabels("app.kubernetes.io/instance", "kube-prometheus-stack")
                .addToAnnotations("meta.helm.sh/release-name", "kube-prometheus-stack")
                .addToAnnotations("meta.helm.sh/release-namespace", "monitoring").endMetadata()
                .withNewSpec().withReplicas(1).endSpec()
                .withNewStatus().withReplicas(1).withReadyReplicas(1).endStatus().build()).create();

        show(robot);

        TableView<?> table = robot.lookup("#node-table").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 3);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".usage-cell .label")
                .queryAllAs(Label.class).stream().anyMatch(label -> label.getText().equals("1.20 of 4 cores · 30%")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#node-table .table-row-cell")
                .queryAllAs(TableRow.class).stream()
                .anyMatch(row -> row.getPseudoClassStates().contains(NodeTable.NOT_READY)));
        assertThat(robot.lookup("#node-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(row -> row.getPseudoClassStates().contains(NodeTable.NOT_READY))
                .map(row -> ((NodeRow) row.getItem()).node().name())).containsExactly("pi-agent-2");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#release-monitoring-kube-prometheus-stack").tryQuery().isPresent());
        assertThat(robot.lookup("#release-monitoring-kube-prometheus-stack").lookup("to be replaced").tryQuery())
                .isPresent();

        node("pi-agent-3", true, null);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 4);
    }

    @Test
    void explainsHowToGetUsageWhenMetricsServerIsMissing(FxRobot robot) throws Exception {
        node("pi-server", true, "control-plane");
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/nodes").andReturn(404, "").always();

        show(robot);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#usage-problem").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#usage-problem").queryAs(Label.class).getText())
                .contains("metrics.k8s.io is not served").contains("On k3s").contains("--disable metrics-server");
        assertThat(robot.lookup(".usage-cell .label").queryAllAs(Label.class).stream().map(Label::getText))
                .allMatch(text -> text.endsWith("no sample yet"));
    }

    @Test
    void saysSoWhenTheSessionHasNoSamplerInsteadOfPollingItself(FxRobot robot) throws Exception {
        node("pi-server", true, "control-plane");
        metrics("pi-server", "1200m", "3Gi");

        show(robot, false);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> robot.lookup("#usage-problem").tryQuery().map(n -> n.isVisible()).orElse(false));
        assertThat(robot.lookup("#usage-problem").queryAs(Label.class).getText())
                .contains("Node usage is not sampled in this session");
        Thread.sleep(1000);
        int recorded = server.getRequestCount();
        java.util.List<String> paths = new java.util.ArrayList<>();
        for (int i = 0; i < recorded; i++) {
            var request = server.takeRequest(1, TimeUnit.SECONDS);
            if (request != null) {
                paths.add(request.getMethod() + " " + request.getPath());
            }
        }
        assertThat(paths).as("the overview does not poll metrics.k8s.io itself").isNotEmpty()
                .noneMatch(path -> path.startsWith("GET /apis/metrics.k8s.io"));
    }

    private void show(FxRobot robot) {
        show(robot, true);
    }

    private void show(FxRobot robot, boolean sessionTelemetry) {
        ClusterSession session = new ClusterSession(kube, new ClusterIdentity("pi-lab", kube.getMasterUrl().toString(),
                "uid-1", false), new NoServices());
        ConsoleContext console = new ConsoleContext(session, null, AppDirs.under(home), null); // the overview uses no Helm
        if (sessionTelemetry) {
            // what the connected session does on connect: the overview reads its usage from this sampler
            telemetry = Telemetry.start(console, TelemetrySettings.DEFAULTS);
        }
        robot.interact(() -> {
            page = new OverviewPage(new UiContext(console, tasks, id -> { }));
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(page.view()), 1280, 800));
            stage.show();
        });
    }

    private void node(String name, boolean ready, String role) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp(Instant.now().minusSeconds(86_400 * 3).toString())
                .addToLabels("kubernetes.io/arch", "arm64").endMetadata();
        if (role != null) {
            node.editMetadata().addToLabels("node-role.kubernetes.io/" + role, "true").endMetadata();
        }
        kube.nodes().resource(node.withNewStatus()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("8Gi"))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "NodeStatusUnknown").endCondition()
                .withNewNodeInfo().withArchitecture("arm64").withOsImage("Debian GNU/Linux 12 (bookworm)")
                .withKubeletVersion("v1.33.4+k3s1").endNodeInfo().endStatus().build()).create();
    }

    private void metrics(String node, String cpu, String memory) {
        kube.resource(new NodeMetricsBuilder().withNewMetadata().withName(node).endMetadata()
                .withTimestamp(Instant.now().toString())
                .addToUsage("cpu", new Quantity(cpu)).addToUsage("memory", new Quantity(memory)).build()).create();
    }

    private void release(String name, String namespace, String chart, String version) {
        kube.secrets().inNamespace(namespace).resource(HelmReleaseSecrets.encode(new HelmRelease(name, namespace, 1,
                "deployed", chart, version, "v0.83.0", Map.of(), "", Instant.now(), "Install complete"))).create();
    }

    private static final class NoServices implements ServiceAccess {
        @Override
        public dev.homelab.console.cluster.ServiceEndpoint open(dev.homelab.console.cluster.ServiceRef service)
                throws ServiceUnreachableException {
            throw new UnsupportedOperationException("the overview opens no services");
        }

        @Override
        public void close() {
        }
    }
}
