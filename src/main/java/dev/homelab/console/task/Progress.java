package dev.homelab.console.task;

/**
 * What long engine work reports while it runs, and how it learns that the user cancelled it.
 * The UI adapts it to a JavaFX task (throttled), the CLI prints it; engine code never knows which.
 */
public interface Progress {

    /** A short status line and a fraction in [0,1], or a negative fraction when the amount of work is unknown. */
    void update(String message, double fraction);

    /** A line for the detailed log of this piece of work (never a secret). */
    default void log(String line) {
    }

    boolean isCancelled();

    /** Throws {@link CancelledException} when the user cancelled; call it between units of work and inside waits. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Progress that reports nowhere and is never cancelled (tests, fire-and-forget reads). */
    static Progress none() {
        return new Progress() {
            @Override
            public void update(String message, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
