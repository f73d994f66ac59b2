package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmStackValuesTest {

    static final String FAKE_TOKEN = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    static final String FAKE_USER_KEY = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";

    static VmStackInputs piOnLocalPath(boolean nodeExporter) {
        VmAgentBuffer buffer = VmAgentBuffer.onNode("pi-server", "2GiB").withTolerations(List.of(
                new VmAgentBuffer.Toleration("node-role.kubernetes.io/control-plane", "Exists", null, "NoSchedule")));
        return VmStackInputs.defaults("local-path", buffer, nodeExporter, true);
    }

    @Test
    void piProfileOnLocalPathMatchesTheGoldenFile() throws IOException {
        assertGolden("vmks-values-pi5-local-path-kps-present.yaml", VmStackValues.from(piOnLocalPath(false)).toYaml());
    }

    @Test
    void piProfileOnLonghornAfterKubePrometheusStackMatchesTheGoldenFile() throws IOException {
        VmStackInputs inputs = new VmStackInputs("vmks", "monitoring", "longhorn", "40Gi", "14d", "30s",
                VmAgentBuffer.onNode("pi-1", "4GiB"), true, true, false, "alertmanager-pushover",
                "http://grafana.home.lan", PiProfile.raspberryPi5());
        assertGolden("vmks-values-pi5-longhorn-node-exporter.yaml", VmStackValues.from(inputs).toYaml());
    }

    @Test
    void pushoverCredentialsAreOnlyReferencedAsFilesOfTheMountedSecret() {
        Map<String, Object> values = VmStackValues.from(piOnLocalPath(false)).toMap();
        String yaml = VmStackValues.from(piOnLocalPath(false)).toYaml();

        assertThat(yaml).doesNotContain(FAKE_TOKEN).doesNotContain(FAKE_USER_KEY)
                .doesNotContainPattern("(?m)^\\s*(token|user_key):");
        assertThat(yaml).contains("token_file: /etc/vm/secrets/alertmanager-pushover/token")
                .contains("user_key_file: /etc/vm/secrets/alertmanager-pushover/user_key");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) values.get("alertmanager")).get("spec");
        assertThat(spec.get("secrets")).isEqualTo(List.of("alertmanager-pushover"));
    }

    @Test
    void secretsInTheEnvironmentNeverReachTheValues() {
        // The model has no input that could carry a secret; even a secret-looking Secret name is only a name.
        VmStackInputs inputs = new VmStackInputs("vmks", "monitoring", "local-path", "20Gi", "14d", "30s",
                VmAgentBuffer.onNode("pi-server", "2GiB"), false, true, true, "alertmanager-pushover", null,
                PiProfile.raspberryPi5());
        String yaml = VmStackValues.from(inputs).toYaml();
        for (String value : System.getenv().values()) {
            if (value.length() >= 12 && (value.equals(System.getenv("ALERTMANAGER_PUSHOVER_TOKEN"))
                    || value.equals(System.getenv("PUSHOVER_USER_KEY")))) {
                assertThat(yaml).doesNotContain(value);
            }
        }
        assertThat(yaml).doesNotContain(FAKE_TOKEN);
    }

    @Test
    void priorityIsExplicitAndWatchdogNotifiesNobody() {
        String yaml = VmStackValues.from(piOnLocalPath(false)).toYaml();
        assertThat(yaml).contains("priority: \"0\"").contains("priority: \"1\"").doesNotContain("priority: \"2\"");
        assertThat(yaml).containsPattern("alertname=\"Watchdog\"\\s*\\n\\s*receiver: blackhole");
    }

    @Test
    void k3sTurnsOffControlPlaneScrapesAndTheirRuleGroups() {
        Map<String, Object> values = VmStackValues.from(piOnLocalPath(false)).toMap();
        for (String component : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy")) {
            assertThat(values.get(component)).isEqualTo(Map.of("enabled", false));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> groups = (Map<String, Object>) ((Map<String, Object>) values.get("defaultRules"))
                .get("groups");
        assertThat(groups).containsOnlyKeys("kubernetes-system-controller-manager", "kubernetes-system-scheduler",
                "kube-scheduler.rules");
        assertThat(VmStackValues.from(piOnLocalPath(false)).toYaml()).contains("(apiserver_|etcd_|workqueue_).*");
    }

    @Test
    void vmagentBufferIsOnTheHostAndBounded() {
        String yaml = VmStackValues.from(piOnLocalPath(false)).toYaml();
        assertThat(yaml).contains("tmpDataPath: /var/lib/vmagent-data").contains("maxDiskUsagePerURL: 2GiB")
                .contains("updateStrategy: Recreate").contains("kubernetes.io/hostname: pi-server")
                .contains("path: /var/lib/vmagent-data").contains("type: DirectoryOrCreate");
    }

    @Test
    void longReleaseNamesAndUnboundedBuffersAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new VmStackInputs("victoria-metrics-k8s-stack-prod", "monitoring", "local-path",
                "20Gi", "14d", "30s", VmAgentBuffer.onNode("n", "2GiB"), false, true, true, "alertmanager-pushover",
                null, PiProfile.raspberryPi5()))
                .hasMessageContaining("at most 20 characters");
        assertThatThrownBy(() -> VmAgentBuffer.onNode("n", "unlimited")).hasMessageContaining("2GiB");
        assertThatThrownBy(() -> VmAgentBuffer.onNode("", "2GiB")).hasMessageContaining("same node");
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(actual).as("values differ from %s (rerun with -Dgolden.update=true after reviewing)", golden)
                .isEqualTo(Files.readString(golden));
    }
}
