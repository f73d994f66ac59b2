package dev.homelab.console.cli;

/** Documented exit codes of the {@code homelab-console} command line. */
public final class ExitCodes {
    public static final int OK = 0;
    /** A check failed, a verdict is red, or a step is blocked. */
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int CANNOT_CONNECT = 3;
    public static final int NOT_PERMITTED = 4;
    public static final int OPERATION_FAILED = 5;

    private ExitCodes() {
    }
}
