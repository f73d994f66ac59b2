package dev.homelab.console.stack.loki;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.stack.values.ValuesTree;

import java.util.Optional;

/**
 * Which Loki chart a release comes from. The OSS chart moved from grafana/helm-charts to grafana-community in 2026;
 * grafana/loki 7.x is maintained for Grafana Enterprise Logs only, and the community chart continued the numbering
 * 7.0.0 … 18.x, so "loki 7.x" alone is ambiguous. Defaults differ between them (deploymentMode, mode names).
 */
public enum LokiChartFamily {
    GRAFANA_OSS("grafana/loki (OSS line, ≤ 6.x)", "SingleBinary"),
    GRAFANA_ENTERPRISE("grafana/loki 7.x (Grafana Enterprise Logs only)", "SingleBinary"),
    COMMUNITY("grafana-community/loki", "Monolithic"),
    UNKNOWN("unknown Loki chart", "SingleBinary");

    private final String label;
    private final String singleBinaryModeName;

    LokiChartFamily(String label, String singleBinaryModeName) {
        this.label = label;
        this.singleBinaryModeName = singleBinaryModeName;
    }

    public String label() {
        return label;
    }

    /** The deploymentMode value this family uses for a single binary. */
    public String singleBinaryModeName() {
        return singleBinaryModeName;
    }

    /** The chart's default deploymentMode when the release does not set it. */
    public String defaultDeploymentMode() {
        return this == COMMUNITY ? "Monolithic" : "SimpleScalable";
    }

    /** The decision and how it was reached. */
    public record Detection(LokiChartFamily family, String reason) {
    }

    /**
     * @param chartHome the chart's {@code home} from the release's stored chart metadata, when known
     */
    public static Detection detect(HelmRelease release, Optional<String> chartHome) {
        if (!"loki".equals(release.chartName())) {
            return new Detection(UNKNOWN, "chart is '" + release.chartName() + "', not 'loki'");
        }
        if (chartHome.isPresent()) {
            String home = chartHome.get();
            if (home.contains("grafana-community")) {
                return new Detection(COMMUNITY, "chart home is " + home);
            }
            if (home.contains("grafana.github.io")) {
                return new Detection(major(release) >= 7 ? GRAFANA_ENTERPRISE : GRAFANA_OSS, "chart home is " + home
                        + " and version " + release.chartVersion());
            }
        }
        int major = major(release);
        if (major <= 0) {
            return new Detection(UNKNOWN, "chart version '" + release.chartVersion() + "' is not a version");
        }
        if (major <= 6) {
            return new Detection(GRAFANA_OSS, "version " + release.chartVersion()
                    + " is from the OSS line of grafana/loki (last OSS release 6.55.0)");
        }
        if (major >= 8) {
            return new Detection(COMMUNITY, "version " + release.chartVersion()
                    + " exists only in grafana-community/loki (grafana/loki stops at 7.x)");
        }
        boolean enterprise = ValuesTree.getBoolean(release.values(), "enterprise.enabled").orElse(false);
        if (enterprise || release.appVersion().startsWith("3.6.")) {
            return new Detection(GRAFANA_ENTERPRISE, "version " + release.chartVersion() + " with app version "
                    + release.appVersion() + (enterprise ? " and enterprise.enabled" : "")
                    + " matches grafana/loki 7.x; confirm with `helm repo list` which repository it came from");
        }
        return new Detection(COMMUNITY, "version " + release.chartVersion() + " with app version "
                + release.appVersion() + " matches grafana-community/loki 7.x; confirm with `helm repo list`");
    }

    private static int major(HelmRelease release) {
        String version = release.chartVersion();
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
