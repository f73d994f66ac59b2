package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.TimeSeries;

import java.util.Map;

/**
 * What the live charts show at one moment, loaded off the FX thread: CPU and memory lines (per node, or of one
 * node), the component layers, and the window. The maps' series are appended to live on the FX thread.
 */
record ChartData(String node, boolean percent, long from, long to, Map<String, TimeSeries> cpu,
                 Map<String, TimeSeries> memory, Map<String, TimeSeries> components, String sources) {

    Map<String, TimeSeries> lines(Metric metric) {
        return metric == Metric.CPU ? cpu : memory;
    }

    ChartData shifted(long newFrom, long newTo) {
        return new ChartData(node, percent, newFrom, newTo, cpu, memory, components, sources);
    }
}
