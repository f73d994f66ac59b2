package dev.homelab.console.stack.loki;

import dev.homelab.console.stack.values.ValuesTree;
import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults the review assumes for unset keys are the real charts' defaults (../shared/reference/charts). */
class LokiChartDefaultsTest {

    @ParameterizedTest
    @CsvSource({"loki-oss-6.55.0,SimpleScalable", "loki,SimpleScalable", "loki-community,Monolithic"})
    @SuppressWarnings("unchecked")
    void assumedDefaultsMatchTheReferenceValues(String folder, String defaultMode) throws Exception {
        Path shared = Path.of(System.getProperty("homelab.shared.dir", "../shared"));
        Path valuesFile = shared.resolve("reference/charts").resolve(folder).resolve("values.yaml");
        Assumptions.assumeTrue(Files.exists(valuesFile), "chart reference data not found at " + valuesFile
                + " (it lives in ../shared/reference beside the repository)");
        Map<String, Object> values = Json.YAML.readValue(valuesFile.toFile(), Map.class);

        assertThat(ValuesTree.getString(values, "deploymentMode")).contains(defaultMode);
        assertThat(ValuesTree.getBoolean(values, "loki.auth_enabled")).contains(true);
        assertThat(ValuesTree.getLong(values, "loki.commonConfig.replication_factor")).contains(3L);
        assertThat(ValuesTree.getLong(values, "read.replicas")).contains(3L);
        assertThat(ValuesTree.getBoolean(values, "chunksCache.enabled")).contains(true);
        assertThat(ValuesTree.getLong(values, "chunksCache.allocatedMemory")).contains(8192L);
        assertThat(ValuesTree.getLong(values, "resultsCache.allocatedMemory")).contains(1024L);
        assertThat(ValuesTree.getBoolean(values, "lokiCanary.enabled")).contains(true);
        assertThat(ValuesTree.getBoolean(values, "loki.storage.s3.s3ForcePathStyle")).contains(false);
    }
}
