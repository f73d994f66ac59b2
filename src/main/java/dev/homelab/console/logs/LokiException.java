package dev.homelab.console.logs;

import java.time.Duration;
import java.util.Optional;

/**
 * Loki did not answer as asked. The message says what happened, to which Loki, and what the user can do;
 * {@link #kind()} lets callers react (retry after {@link #retryAfter()}, show a parse error under the query field...).
 */
public class LokiException extends Exception {

    public enum Kind {
        /** Connection refused, reset, timed out: Loki or the path to it is down. */
        UNREACHABLE,
        /** 400: the LogQL (or a parameter) is wrong; the message is Loki's own. */
        BAD_QUERY,
        /** 401/403, typically "no org id" when auth_enabled is on and no tenant was sent. */
        UNAUTHORIZED,
        /** 429: per-tenant query limits or too many outstanding requests. */
        RATE_LIMITED,
        /** 5xx or an answer that is not what the API documents. */
        SERVER
    }

    private final Kind kind;
    private final int httpStatus;
    private final String lokiMessage;
    private final Duration retryAfter;

    public LokiException(Kind kind, int httpStatus, String lokiMessage, Duration retryAfter, String message,
                         Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.lokiMessage = lokiMessage;
        this.retryAfter = retryAfter;
    }

    public static LokiException unreachable(String via, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new LokiException(Kind.UNREACHABLE, 0, null, null,
                "Cannot reach Loki (" + via + "): " + reason
                        + ". Check that the Loki pod is running and ready, or set Loki's address explicitly.", cause);
    }

    public Kind kind() {
        return kind;
    }

    /** 0 when no HTTP answer arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Loki's own error text (e.g. "parse error at line 1, col 5: syntax error: unexpected IDENTIFIER"). */
    public Optional<String> lokiMessage() {
        return Optional.ofNullable(lokiMessage);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
