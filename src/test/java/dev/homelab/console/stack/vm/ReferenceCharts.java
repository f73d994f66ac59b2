package dev.homelab.console.stack.vm;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The chart reference data in {@code ../shared/reference/charts}, found through {@code homelab.shared.dir}. */
final class ReferenceCharts {

    private ReferenceCharts() {
    }

    static Path dir() {
        String shared = System.getProperty("homelab.shared.dir");
        Path charts = shared == null ? null : Path.of(shared, "reference", "charts");
        Assumptions.assumeTrue(charts != null && Files.isDirectory(charts.resolve("victoria-metrics-k8s-stack")),
                "chart reference data not found (system property homelab.shared.dir=" + shared
                        + "); run the tests through Maven from a checkout next to shared/");
        return charts;
    }
}
