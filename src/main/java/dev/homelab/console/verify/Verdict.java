package dev.homelab.console.verify;

/**
 * The outcome of observing a fact. PASSED means the fact was seen in a real system (or the sandbox's
 * simulation of one); FAILED means the opposite was seen; UNVERIFIED means it could not be observed, and says why.
 */
public enum Verdict {
    PASSED,
    FAILED,
    UNVERIFIED
}
