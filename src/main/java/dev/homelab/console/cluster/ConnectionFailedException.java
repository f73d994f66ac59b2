package dev.homelab.console.cluster;

/** Connecting to (or reading) the cluster failed; {@link #problem()} says why and what to do. */
public class ConnectionFailedException extends Exception {

    private final transient ConnectionProblem problem;

    public ConnectionFailedException(ConnectionProblem problem, Throwable cause) {
        super(problem.summary(), cause == null ? null : new RedactedCause(cause));
        this.problem = problem;
    }

    public ConnectionFailedException(ConnectionProblem problem) {
        this(problem, null);
    }

    public ConnectionProblem problem() {
        return problem;
    }

    /**
     * The original exception's class and scrubbed message, without the original object: fabric8 and OkHttp messages
     * can quote request headers or plugin output, and this exception ends up in logs and on screen.
     */
    static final class RedactedCause extends RuntimeException {
        RedactedCause(Throwable original) {
            super(original.getClass().getName() + ": " + Redaction.scrub(String.valueOf(original.getMessage())),
                    original.getCause() == null || original.getCause() == original
                            ? null : new RedactedCause(original.getCause()));
            setStackTrace(original.getStackTrace());
        }
    }
}
