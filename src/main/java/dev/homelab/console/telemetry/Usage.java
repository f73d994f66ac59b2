package dev.homelab.console.telemetry;

/** CPU (cores) and memory working set (bytes) at one moment. */
public record Usage(double cpuCores, double memoryBytes) {

    public static final Usage ZERO = new Usage(0, 0);

    public double get(Metric metric) {
        return metric == Metric.CPU ? cpuCores : memoryBytes;
    }

    public Usage plus(Usage other) {
        return new Usage(cpuCores + other.cpuCores, memoryBytes + other.memoryBytes);
    }
}
