package dev.homelab.console.stack.vector;

import dev.homelab.console.stack.vm.ChartValuesValidator;
import dev.homelab.console.stack.vm.CrdSchemas;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every key of the generated Vector values exists in the real chart's values.yaml, with a compatible type. */
class VectorChartValuesReferenceTest {

    @Test
    @SuppressWarnings("unchecked")
    void generatedValuesMatchTheVectorChart() {
        Path charts = Path.of(System.getProperty("homelab.shared.dir", "../shared")).resolve("reference/charts");
        Path vector = charts.resolve("vector/values.yaml");
        Assumptions.assumeTrue(Files.exists(vector), "chart reference data not found at " + vector);
        Map<String, Object> reference = Json.YAML.readValue(vector.toFile(), Map.class);
        ChartValuesValidator validator = new ChartValuesValidator(reference, Map.of(),
                CrdSchemas.load(charts.resolve("victoria-metrics-operator/crds/crd.yaml")));

        for (String journal : new String[]{"/var/log/journal", "/run/log/journal"}) {
            VectorAgentSpec spec = new VectorAgentSpec(URI.create("http://loki-gateway.loki.svc.cluster.local"),
                    Optional.of("homelab"), journal, VectorAgentSpec.DEFAULT_DISK_BUFFER_BYTES, "/var/lib/vector");
            ChartValuesValidator.Report report = validator.validate(VectorChartValues.render(spec));
            assertThat(report.problems()).as("values for journal %s", journal).isEmpty();
        }
        assertThat(reference.get("role")).as("the chart's default role is not Agent, so we must set it")
                .isNotEqualTo("Agent");
    }
}
