package dev.homelab.console.verify.grafana;

/** Grafana's HTTP API refused or could not be reached; the message carries Grafana's own text and the fix. */
public class GrafanaApiException extends Exception {
    private final int status;

    public GrafanaApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
