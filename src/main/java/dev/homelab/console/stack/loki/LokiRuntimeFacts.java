package dev.homelab.console.stack.loki;

import java.util.Optional;

/** What the running Loki itself answered: {@code /ready} and the schema part of {@code /config}. */
public record LokiRuntimeFacts(boolean ready, String readyEvidence, Optional<String> schemaSummary) {
}
