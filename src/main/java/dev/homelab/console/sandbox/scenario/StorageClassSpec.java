package dev.homelab.console.sandbox.scenario;

public record StorageClassSpec(String name, String provisioner, boolean isDefault) {
}
