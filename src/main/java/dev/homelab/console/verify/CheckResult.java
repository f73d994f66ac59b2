package dev.homelab.console.verify;

import java.time.Instant;
import java.util.List;

/**
 * The result of one check: a verdict, a one-line summary a user can act on, and the evidence behind it.
 * For {@link Verdict#UNVERIFIED} the summary starts with the reason ("could not verify, because ...").
 */
public record CheckResult(String id, String title, Verdict verdict, String summary, List<Evidence> evidence,
                          Instant observedAt) {

    public CheckResult {
        evidence = List.copyOf(evidence);
    }

    public static CheckResult passed(String id, String title, String summary, List<Evidence> evidence) {
        return new CheckResult(id, title, Verdict.PASSED, summary, evidence, Instant.now());
    }

    public static CheckResult failed(String id, String title, String summary, List<Evidence> evidence) {
        return new CheckResult(id, title, Verdict.FAILED, summary, evidence, Instant.now());
    }

    public static CheckResult unverified(String id, String title, String because, List<Evidence> evidence) {
        return new CheckResult(id, title, Verdict.UNVERIFIED, "Could not verify, because " + because, evidence,
                Instant.now());
    }

    public boolean passed() {
        return verdict == Verdict.PASSED;
    }
}
