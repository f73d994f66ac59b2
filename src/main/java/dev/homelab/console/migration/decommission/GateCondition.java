package dev.homelab.console.migration.decommission;

/** One condition of the decommission gate: met or not, and exactly why. */
public record GateCondition(String id, String title, boolean met, String detail) {
}
