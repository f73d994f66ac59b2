package dev.homelab.console.cluster;

/**
 * Why the console could not talk to a cluster, in words for the user: the kind (for icons and exit codes), a short
 * title, the detail (what happened, to what) and the fix (what to do). Never carries a credential.
 */
public record ConnectionProblem(Kind kind, String title, String detail, String fix) {

    public enum Kind {
        /** No kubeconfig file at all, or the chosen context does not exist. */
        NO_KUBECONFIG,
        MALFORMED_KUBECONFIG,
        UNREACHABLE,
        TLS,
        UNAUTHORIZED,
        EXEC_PLUGIN,
        FORBIDDEN,
        TIMEOUT,
        UNKNOWN
    }

    /** One line: "title: detail". */
    public String summary() {
        return title + ": " + detail;
    }
}
