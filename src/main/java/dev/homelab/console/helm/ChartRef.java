package dev.homelab.console.helm;

import java.net.URI;

/** A chart in a repository: {@code repoName/chart} at an exact version. */
public record ChartRef(String repoName, URI repoUrl, String chart, String version) {
    @Override
    public String toString() {
        return repoName + "/" + chart + " " + version;
    }
}
