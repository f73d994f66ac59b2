package dev.homelab.console.sandbox;

import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.sandbox.scenario.Scenario;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A lab with several faults at once, plus node reboots (direct and through a reboot pod). */
class FaultsAndNodesTest {

    static SandboxLab lab;
    static KubernetesClient kube;

    @BeforeAll
    static void start() {
        String yaml = """
                name: faulty
                timing: {podStartup: 2s, notReadyAfter: 20s, rebootDuration: 60s}
                nodes:
                  - {name: pi-server, role: server}
                  - {name: pi-worker-1}
                  - {name: pi-worker-2}
                  - {name: pi-worker-3}
                minio: {accessKey: lab, secretKey: lab-secret-key, buckets: [{name: loki-data}]}
                releases:
                  - name: loki
                    namespace: loki
                    chart: loki
                    version: 6.55.0
                    values: {deploymentMode: SingleBinary, chunksCache: {enabled: false},
                             resultsCache: {enabled: false}, lokiCanary: {enabled: false}}
                  - {name: minio, namespace: minio, chart: minio, version: 5.4.0}
                faults:
                  - {type: no-metrics-server}
                  - {type: node-not-ready, node: pi-worker-3}
                  - {type: rbac-denied, verb: create, resource: pods, namespace: homelab-reboot}
                  - {type: loki-down}
                """;
        Scenario scenario = ScenarioLoader.parse(yaml, "faulty.yaml");
        lab = Sandbox.start(scenario, SandboxOptions.fast(Duration.ofMillis(500), 0.01));
        kube = lab.session().kube();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.session().close();
        lab.lifecycle().close();
    }

    static boolean allowed(String verb, String resource, String namespace) {
        return kube.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
                .withNewSpec().withNewResourceAttributes().withVerb(verb).withResource(resource)
                .withNamespace(namespace).endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    @Test
    void deniesExactlyTheScenariosPermission() {
        assertThat(allowed("create", "pods", "homelab-reboot")).isFalse();
        assertThat(allowed("create", "pods", "monitoring")).isTrue();
        assertThat(allowed("list", "nodes", null)).isTrue();
    }

    @Test
    void servesNoMetricsApiWithoutMetricsServer() {
        assertThat(kube.getApiGroups().getGroups()).extracting(APIGroup::getName)
                .contains("apps").doesNotContain("metrics.k8s.io");
        assertThatThrownBy(() -> kube.top().nodes().metrics())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThat(kube.apps().deployments().inNamespace("kube-system").withName("metrics-server").get()).isNull();
    }

    @Test
    void showsTheNotReadyNode() {
        Node node = kube.nodes().withName("pi-worker-3").get();
        assertThat(node.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
                && c.getStatus().equals("Unknown") && c.getReason().equals("NodeStatusUnknown"));
        assertThat(node.getSpec().getTaints()).extracting(t -> t.getKey())
                .contains("node.kubernetes.io/unreachable");
    }

    @Test
    void reachesOnlyReadyServicesThatExist() throws Exception {
        ServiceEndpoint minio = lab.session().services().open(new ServiceRef("minio", "minio", 9000));
        assertThat(minio.baseUri().toString()).startsWith("http://127.0.0.1:");
        assertThatThrownBy(() -> lab.session().services().open(new ServiceRef("loki", "loki", 3100)))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("loki-0 is not running");
        assertThatThrownBy(() -> lab.session().services().open(new ServiceRef("monitoring", "vmsingle-x", 8428)))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("services \"vmsingle-x\" not found in namespace \"monitoring\"");
        assertThatThrownBy(() -> lab.session().services().open(new ServiceRef("minio", "minio", 1234)))
                .isInstanceOf(ServiceUnreachableException.class).hasMessageContaining("no port 1234");
    }

    @Test
    void evaluatesFieldSelectorsAndFoldsStringData() {
        List<Pod> onServer = kube.pods().inAnyNamespace().withField("spec.nodeName", "pi-server").list().getItems();
        assertThat(onServer).isNotEmpty().allMatch(p -> "pi-server".equals(p.getSpec().getNodeName()));
        kube.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("pushover")
                .endMetadata().addToStringData("token", "t0ken").build()).create();
        assertThat(kube.secrets().inNamespace("default").withName("pushover").get().getData())
                .containsEntry("token", Base64.getEncoder().encodeToString("t0ken".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rebootsANodeWithANewBootIdAndRestartedPods() {
        String bootId = lab.world().nodes().bootId("pi-worker-1").orElseThrow();
        List<String> power = new java.util.concurrent.CopyOnWriteArrayList<>();
        lab.world().nodes().addListener(new NodeControl.PowerListener() {
            @Override
            public void nodeDown(String node, java.time.Instant at) {
                power.add("down " + node);
            }

            @Override
            public void nodeUp(String node, java.time.Instant at) {
                power.add("up " + node);
            }
        });
        lab.world().nodes().reboot("pi-worker-1");
        assertThat(lab.world().nodes().isUp("pi-worker-1")).isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(lab.world().nodes().bootId("pi-worker-1")).get().isNotEqualTo(bootId);
            assertThat(lab.world().nodes().isUp("pi-worker-1")).isTrue();
            List<Pod> pods = kube.pods().inAnyNamespace().withField("spec.nodeName", "pi-worker-1").list()
                    .getItems();
            assertThat(pods).isNotEmpty().allSatisfy(p -> {
                assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
                assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready")
                        && c.getStatus().equals("True"));
            });
        });
        assertThat(nodeEvents("pi-worker-1")).contains("Rebooted", "NodeNotReady", "NodeReady");
        assertThat(power).containsSubsequence("down pi-worker-1", "up pi-worker-1");
    }

    @Test
    void aRebootPodOnANodeRebootsIt() {
        String bootId = lab.world().nodes().bootId("pi-worker-2").orElseThrow();
        kube.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("reboot-pi-worker-2")
                .endMetadata().withNewSpec().withNodeName("pi-worker-2").withHostPID(true).withRestartPolicy("Never")
                .addNewContainer().withName("reboot").withImage("busybox:1.37")
                .withCommand("nsenter", "-t", "1", "-m", "-u", "-i", "-n", "-p", "--", "systemctl", "reboot")
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build())
                .create();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(lab.world().nodes().bootId("pi-worker-2")).get().isNotEqualTo(bootId);
            assertThat(kube.pods().inNamespace("default").withName("reboot-pi-worker-2").get().getStatus()
                    .getPhase()).isEqualTo("Failed");
        });
    }

    private static List<String> nodeEvents(String node) {
        return kube.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> node.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
    }
}
