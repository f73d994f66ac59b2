package dev.homelab.console.verify.vm;

/** A call to vmagent, vmalert, Alertmanager or Pushover failed; the message says which, where and what came back. */
public class ServiceCallException extends Exception {

    private final int httpStatus;

    public ServiceCallException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public ServiceCallException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** 0 when nothing answered. */
    public int httpStatus() {
        return httpStatus;
    }
}
