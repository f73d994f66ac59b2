package dev.homelab.console.verify.prom;

import java.util.List;
import java.util.Map;

/** A labelled time series as returned by query / query_range / export. */
public record Series(Map<String, String> labels, List<Sample> samples) {

    public Series {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }

    /** The single value of an instant-query result. */
    public double value() {
        return samples.isEmpty() ? Double.NaN : samples.get(samples.size() - 1).value();
    }
}
