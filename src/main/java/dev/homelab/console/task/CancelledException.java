package dev.homelab.console.task;

/** Thrown from {@link Progress#checkCancelled()} when the user cancelled the work. */
public final class CancelledException extends RuntimeException {
    public CancelledException() {
        super("Cancelled by the user");
    }
}
