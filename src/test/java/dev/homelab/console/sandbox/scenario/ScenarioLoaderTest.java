package dev.homelab.console.sandbox.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioLoaderTest {

    private static final String NODES = """
            name: small
            nodes:
              - {name: pi-server, role: server}
              - {name: pi-worker-1}
            """;

    @Test
    void readsTheDefaultLab() {
        Scenario s = ScenarioLoader.loadDefault();
        assertThat(s.name()).isEqualTo("default");
        assertThat(s.nodes()).extracting(NodeSpec::name)
                .containsExactly("pi-server", "pi-worker-1", "pi-worker-2", "pi-worker-3");
        assertThat(s.nodes().get(0).server()).isTrue();
        assertThat(s.nodes()).allSatisfy(n -> {
            assertThat(n.memoryBytes()).isEqualTo(8L << 30);
            assertThat(n.cpus()).isEqualTo(4);
        });
        assertThat(s.storageClasses()).extracting(StorageClassSpec::name).containsExactly("local-path", "longhorn");
        assertThat(s.storageClasses().get(0).isDefault()).isTrue();
        assertThat(s.releases()).extracting(ReleaseSpec::chart)
                .containsExactly("kube-prometheus-stack", "alloy", "loki", "grafana", "minio");
        assertThat(s.minio().buckets()).extracting(MinioSpec.BucketSpec::name).contains("loki-data", "loki-chunks");
        assertThat(s.timing().tick()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.faults()).isEqualTo(Faults.NONE);
    }

    @Test
    void everyBuiltInScenarioLoads() {
        for (String name : ScenarioLoader.builtInNames()) {
            assertThat(ScenarioLoader.loadBuiltIn(name).name()).isEqualTo(name);
        }
    }

    @Test
    void readsAllFaultTypes() {
        Scenario s = ScenarioLoader.parse(NODES + """
                faults:
                  - {type: node-not-ready, node: pi-worker-1}
                  - {type: no-metrics-server}
                  - {type: rbac-denied, verb: create, resource: pods, namespace: homelab-reboot}
                  - {type: missing-bucket, bucket: loki-chunks}
                  - {type: vmagent-buffer-emptydir}
                  - {type: loki-down}
                  - {type: slow-node-reboot, downFor: 3m}
                  - {type: node-never-returns, node: pi-worker-1}
                """, "all-faults.yaml");
        Faults f = s.faults();
        assertThat(f.notReadyNodes()).containsExactly("pi-worker-1");
        assertThat(f.noMetricsServer()).isTrue();
        assertThat(f.rbacDenials()).singleElement().satisfies(d -> {
            assertThat(d.matches("create", "", "pods", "homelab-reboot")).isTrue();
            assertThat(d.matches("create", "", "pods", "default")).isFalse();
            assertThat(d.matches("list", "", "pods", "homelab-reboot")).isFalse();
        });
        assertThat(f.missingBuckets()).containsExactly("loki-chunks");
        assertThat(f.slowRebootDuration()).contains(Duration.ofMinutes(3));
        assertThat(f.nodesNeverReturning()).containsExactly("pi-worker-1");
        assertThat(f.names()).contains("loki-down", "vmagent-buffer-emptydir", "rbac-denied");
    }

    @Test
    void readsReleaseValuesAsPlainData() {
        Scenario s = ScenarioLoader.parse(NODES + """
                releases:
                  - name: vmks
                    namespace: monitoring
                    chart: victoria-metrics-k8s-stack
                    version: 0.91.2
                    values:
                      vmsingle: {spec: {retentionPeriod: 14d}}
                      replicas: 2
                      enabled: true
                      ratio: 0.5
                """, "values.yaml");
        ReleaseSpec r = s.releases().get(0);
        assertThat(r.values()).containsEntry("replicas", 2L).containsEntry("enabled", true)
                .containsEntry("ratio", 0.5);
        assertThat(r.values().get("vmsingle")).isEqualTo(java.util.Map.of("spec",
                java.util.Map.of("retentionPeriod", "14d")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty file|''|bad.yaml: the file is empty",
            "not yaml|'nodes: [a'|bad.yaml:1:",
            "no name|'nodes: [{name: a, role: server}]'|bad.yaml:1:1: missing required field 'name'",
            "typo|'name: x\nnodse: []'|bad.yaml:2:1: nodse: unknown field 'nodse'",
            "no server|'name: x\nnodes: [{name: a}]'|bad.yaml:2:8: nodes: a k3s lab needs one node with role: server",
            "bad memory|'name: x\nnodes: [{name: a, role: server, memory: 8 gigs}]'|bad.yaml:2:41: nodes[0].memory: '8 gigs' is not a quantity",
            "bad role|'name: x\nnodes: [{name: a, role: master}]'|nodes[0].role: 'master' is not a k3s role",
            "twice|'name: x\nnodes: [{name: a, role: server}, {name: a}]'|node 'a' is listed twice",
            "unknown chart|'name: x\nnodes: [{name: a, role: server}]\nreleases: [{name: r, namespace: n, chart: traefik, version: 1}]'|bad.yaml:3:43: releases[0].chart: the sandbox cannot simulate chart 'traefik'",
            "unknown fault|'name: x\nnodes: [{name: a, role: server}]\nfaults: [{type: meteor}]'|faults[0].type: unknown fault 'meteor'",
            "fault on missing node|'name: x\nnodes: [{name: a, role: server}]\nfaults: [{type: node-not-ready, node: b}]'|there is no node 'b' in this scenario",
            "bad duration|'name: x\ntiming: {tick: soon}\nnodes: [{name: a, role: server}]'|timing.tick: 'soon' is not a duration",
            "short secret|'name: x\nnodes: [{name: a, role: server}]\nminio: {accessKey: a, secretKey: short}'|MinIO needs a secret key of at least 8 characters",
            "field of other fault|'name: x\nnodes: [{name: a, role: server}]\nfaults: [{type: loki-down, node: a}]'|unknown field 'node'"})
    void reportsWhereAndWhatIsWrong(String label, String yaml, String expected) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml.replace("\\n", "\n"), "bad.yaml"))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ScenarioLoader.load(missing)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), NODES);
        assertThat(ScenarioLoader.load(file).nodes()).hasSize(2);
    }
}
