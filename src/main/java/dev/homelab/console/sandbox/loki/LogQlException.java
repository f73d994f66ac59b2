package dev.homelab.console.sandbox.loki;

/** A LogQL parse error worded like Loki's ("parse error at line 1, col 12: syntax error: unexpected ..."). */
final class LogQlException extends RuntimeException {
    LogQlException(int column, String problem) {
        super("parse error at line 1, col " + column + ": " + problem);
    }
}
