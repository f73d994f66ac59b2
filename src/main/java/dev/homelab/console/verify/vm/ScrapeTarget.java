package dev.homelab.console.verify.vm;

import java.util.Map;

/** One active target of vmagent's {@code /api/v1/targets}. */
public record ScrapeTarget(String scrapePool, Map<String, String> labels, Map<String, String> discoveredLabels,
                           String scrapeUrl, String health, String lastError) {

    public ScrapeTarget {
        labels = Map.copyOf(labels);
        discoveredLabels = Map.copyOf(discoveredLabels);
        lastError = lastError == null ? "" : lastError;
    }

    public boolean healthy() {
        return "up".equals(health);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }

    /** "kubelet 10.0.0.11:10250" for evidence lines. */
    public String describe() {
        String job = labels.getOrDefault("job", scrapePool);
        return job + " " + labels.getOrDefault("instance", scrapeUrl);
    }
}
