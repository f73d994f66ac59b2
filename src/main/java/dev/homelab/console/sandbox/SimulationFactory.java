package dev.homelab.console.sandbox;

/**
 * Creates a simulated service for the sandbox. Registered in {@code Simulations} under the value of the Service label
 * {@code sandbox.homelab.dev/simulation} that the sandbox puts on the Services it creates.
 */
@FunctionalInterface
public interface SimulationFactory {
    SimulatedService create(SandboxWorld world);
}
