package dev.homelab.console.migration;

/**
 * A Helm release a step's apply installs or upgrades, with the revision it had before (0 = not installed), so that a
 * failed apply can be rolled back (to that revision) or uninstalled.
 */
public record ReleaseTouch(String namespace, String name, int previousRevision) {
}
