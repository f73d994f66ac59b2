package dev.homelab.console.stack.vector;

import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("unchecked")
class VectorAgentConfigTest {

    private static Map<String, Object> lokiSink(Map<String, Object> config) {
        return (Map<String, Object>) ((Map<String, Object>) config.get("sinks")).get("loki");
    }

    private static final VectorAgentSpec SPEC = VectorAgentSpec.forLoki(
            URI.create("http://loki-gateway.loki.svc.cluster.local"), Optional.empty());

    @Test
    void rendersTheGoldenAgentConfig() throws Exception {
        String yaml = Json.YAML.writeValueAsString(VectorAgentConfig.render(SPEC));
        Path golden = Path.of("src/test/resources/golden/vector-agent-config.yaml");
        if (Boolean.getBoolean("updateGolden")) {
            Files.writeString(golden, yaml);
        }
        assertThat(yaml).isEqualTo(Files.readString(golden));
    }

    @Test
    void lokiLabelsAreTheBoundedSetAndEveryInputSetsThem() {
        Map<String, Object> config = VectorAgentConfig.render(SPEC);
        Map<String, Object> loki = lokiSink(config);
        assertThat(((Map<String, Object>) loki.get("labels")).keySet())
                .containsExactlyElementsOf(LokiLabels.NAMES)
                .doesNotContain("pod_uid", "pod_ip", "container_id", "container_image", "stream");
        assertThat(loki.get("inputs")).isEqualTo(List.of("pod_labels", "journal_labels"));
        for (String label : LokiLabels.NAMES) {
            assertThat(VectorAgentConfig.K8S_REMAP).contains("." + label + " = ");
            assertThat(VectorAgentConfig.JOURNAL_REMAP).contains("." + label + " = ");
        }
    }

    @Test
    void sinkBuffersOnDiskAndBlocksWhenFull() {
        Map<String, Object> loki = lokiSink(VectorAgentConfig.render(SPEC));
        Map<String, Object> buffer = (Map<String, Object>) loki.get("buffer");
        assertThat(buffer.get("type")).isEqualTo("disk");
        assertThat(buffer.get("when_full")).isEqualTo("block");
        assertThat((Long) buffer.get("max_size")).isGreaterThanOrEqualTo(VectorAgentSpec.MIN_DISK_BUFFER_BYTES);
        assertThat(loki).doesNotContainKey("tenant_id");
    }

    @Test
    void tenantIsSentOnlyWhenLokiIsMultiTenant() {
        VectorAgentSpec spec = VectorAgentSpec.forLoki(URI.create("http://loki.loki.svc:3100"), Optional.of("homelab"));
        Map<String, Object> loki = lokiSink(VectorAgentConfig.render(spec));
        assertThat(loki.get("tenant_id")).isEqualTo("homelab");
    }

    @Test
    void helmValuesCarryNoVectorTemplatesSoHelmTplCannotMangleThem() throws Exception {
        String values = Json.YAML.writeValueAsString(VectorChartValues.render(SPEC));
        assertThat(values).doesNotContain("{{").doesNotContain("customConfig");
        assertThat(values).contains("existingConfigMaps").contains(VectorChartValues.CONFIG_MAP_NAME);
        String config = Json.YAML.writeValueAsString(VectorAgentConfig.render(SPEC));
        assertThat(config).contains("{{ namespace }}");
    }

    @Test
    void rejectsSettingsVectorWouldRefuse() {
        URI loki = URI.create("http://loki:3100");
        assertThatThrownBy(() -> new VectorAgentSpec(loki, Optional.empty(), "/var/log/journal", 1024, "/var/lib/vector"))
                .hasMessageContaining("268435488");
        assertThatThrownBy(() -> new VectorAgentSpec(URI.create("loki:3100"), Optional.empty(), "/var/log/journal",
                VectorAgentSpec.DEFAULT_DISK_BUFFER_BYTES, "/var/lib/vector")).hasMessageContaining("http");
        assertThatThrownBy(() -> new VectorAgentSpec(URI.create("http://loki:3100/loki/api/v1/push"), Optional.empty(),
                "/var/log/journal", VectorAgentSpec.DEFAULT_DISK_BUFFER_BYTES, "/var/lib/vector"))
                .hasMessageContaining("base URL");
    }

    @Test
    void volatileJournalIsMountedExplicitly() {
        VectorAgentSpec spec = new VectorAgentSpec(URI.create("http://loki:3100"), Optional.empty(), "/run/log/journal",
                VectorAgentSpec.DEFAULT_DISK_BUFFER_BYTES, "/var/lib/vector");
        Map<String, Object> values = VectorChartValues.render(spec);
        assertThat(values.get("extraVolumeMounts").toString()).contains("/run/log/journal");
        assertThat(VectorChartValues.render(SPEC)).doesNotContainKey("extraVolumeMounts");
    }
}
