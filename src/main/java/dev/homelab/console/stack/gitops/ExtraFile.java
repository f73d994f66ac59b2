package dev.homelab.console.stack.gitops;

/**
 * A file of the target state that is not a Kubernetes object, e.g. a Grafana datasource payload for its HTTP API.
 *
 * @param path    relative to the export folder, forward slashes
 * @param content the text written
 */
public record ExtraFile(String path, String content) {

    public ExtraFile {
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("an export file must stay inside the folder: " + path);
        }
    }
}
