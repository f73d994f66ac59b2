package dev.homelab.console.verify.prom;

/** A Prometheus-style API answered with an error envelope, an HTTP error, or not at all. */
public class PromApiException extends Exception {
    private final int httpStatus;

    public PromApiException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** 0 when no HTTP answer arrived (connection refused, timeout). */
    public int httpStatus() {
        return httpStatus;
    }
}
