package dev.homelab.console.stack.loki;

import dev.homelab.console.stack.values.ValuesChange;

import java.util.Optional;

/**
 * One result of reviewing the installed Loki: what was found, the evidence (the values key or the running
 * config it came from), and, where the fix is a values change, that change — applied only after confirmation.
 */
public record LokiFinding(String id, Severity severity, String title, String evidence, String explanation,
                          Optional<ValuesChange> fix) {

    public enum Severity {
        /** Matches the target. */
        OK,
        /** Works, but costs resources or risks trouble later. */
        WARNING,
        /** Breaks the target (or Loki itself) until fixed. */
        PROBLEM
    }

    static LokiFinding ok(String id, String title, String evidence) {
        return new LokiFinding(id, Severity.OK, title, evidence, "", Optional.empty());
    }
}
