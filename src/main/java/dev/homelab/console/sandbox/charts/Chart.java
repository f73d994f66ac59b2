package dev.homelab.console.sandbox.charts;

/** What installing one chart creates in a cluster (its templates, and what its operator then creates). */
public interface Chart {

    String name();

    String latestVersion();

    String appVersion();

    /** Where the chart is published (for {@code helm repo add}). */
    String repositoryUrl();

    Rendering render(ChartContext context);
}
