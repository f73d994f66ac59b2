package dev.homelab.console.migration.benchmark;

import dev.homelab.console.migration.SecretMasker;
import dev.homelab.console.migration.ValuesDiff;
import dev.homelab.console.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints how long masking + YAML + unified diff take for the largest values file the wizard shows (the full
 * victoria-metrics-k8s-stack values.yaml against a copy with a few changes). Run with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) ...PlanDiffBenchmark ../shared}.
 */
public final class PlanDiffBenchmark {

    private PlanDiffBenchmark() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args.length > 0 ? args[0] : System.getProperty("homelab.shared.dir", "../shared"));
        Path file = shared.resolve("reference/charts/victoria-metrics-k8s-stack/values.yaml");
        Map<String, Object> installed = Json.YAML.readValue(Files.readString(file), Map.class);
        Map<String, Object> planned = new LinkedHashMap<>(installed);
        planned.put("fullnameOverride", "vmks");
        planned.put("grafana", Map.of("enabled", false));
        planned.put("alertmanager", Map.of("enabled", true, "config", Map.of("receivers",
                List.of(Map.of("name", "pushover", "pushover_configs", List.of(Map.of("token", "abcdefgh123")))))));
        SecretMasker masker = new SecretMasker(List.of("abcdefgh123"));
        int lines = 0;
        for (int warm = 0; warm < 20; warm++) {
            lines = diff(masker, installed, planned).size();
        }
        int runs = 50;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            diff(masker, installed, planned);
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("values.yaml %d bytes, YAML %d lines, diff %d lines: mask+yaml+diff %.1f ms per plan%n",
                Files.size(file), ValuesDiff.toYaml(planned).split("\n").length, lines, ms);
    }

    private static List<String> diff(SecretMasker masker, Map<String, Object> installed, Map<String, Object> planned) {
        return ValuesDiff.unified("installed", ValuesDiff.toYaml(masker.maskValues(installed)), "planned",
                ValuesDiff.toYaml(masker.maskValues(planned)));
    }
}
