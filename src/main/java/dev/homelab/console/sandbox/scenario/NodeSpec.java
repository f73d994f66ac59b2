package dev.homelab.console.sandbox.scenario;

/**
 * One k3s node of the lab.
 *
 * @param server        true for the k3s server (control plane), false for an agent
 * @param memoryBytes   physical memory (capacity); allocatable is a little less, like a real kubelet reports
 * @param systemMemoryBytes memory the OS and k3s itself use, before any pod
 * @param systemCpuMillis   CPU the OS and k3s use when idle
 */
public record NodeSpec(String name, boolean server, String address, int cpus, long memoryBytes, String model,
                       String osImage, String kernelVersion, long systemMemoryBytes, int systemCpuMillis) {
}
