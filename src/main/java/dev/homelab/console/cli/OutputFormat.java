package dev.homelab.console.cli;

/** {@code --output json|text}. */
public enum OutputFormat {
    json,
    text
}
