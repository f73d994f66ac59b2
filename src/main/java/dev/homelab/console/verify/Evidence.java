package dev.homelab.console.verify;

/**
 * One observation behind a verdict: what was asked (a query, an API path) and what came back (numbers, states).
 * Never carries a secret.
 */
public record Evidence(String source, String observation) {
}
