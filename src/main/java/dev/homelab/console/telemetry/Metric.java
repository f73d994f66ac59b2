package dev.homelab.console.telemetry;

/** The two quantities the console samples. CPU in cores, memory (working set) in bytes. */
public enum Metric {
    CPU("CPU", "cores"),
    MEMORY("Memory", "bytes");

    private final String label;
    private final String unit;

    Metric(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }
}
