package dev.homelab.console.cli;

/** Ends a command with an exit code ({@link ExitCodes}) and a one-line reason for stderr. */
public final class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String reason) {
        super(reason);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
