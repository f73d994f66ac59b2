package dev.homelab.console.sandbox.charts;

/** What installing one chart creates in a cluster (its templates, and what its operator then creates). */
public interface Chart {

    String name();

    String latestVersion();

    String appVersion();

    /** The app version a given chart version ships (charts whose numbering forked may differ by version). */
    default String appVersion(String chartVersion) {
        return appVersion();
    }

    /** Where the chart is published (for {@code helm repo add}). */
    String repositoryUrl();

    Rendering render(ChartContext context);
}
