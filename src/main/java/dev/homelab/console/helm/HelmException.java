package dev.homelab.console.helm;

/** A Helm operation failed; the message carries Helm's own text. */
public class HelmException extends Exception {
    public HelmException(String message) {
        super(message);
    }

    public HelmException(String message, Throwable cause) {
        super(message, cause);
    }
}
