package dev.homelab.console.telemetry;

/** metrics.k8s.io could not be read; the message says why and what to do (on k3s: re-enable metrics-server). */
public final class MetricsUnavailableException extends Exception {

    private final int httpStatus;

    public MetricsUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** 0 when no HTTP answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
