package dev.homelab.console.telemetry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the sampler is doing, for the status line and the CLI: whether metrics.k8s.io answers (and if not, why and
 * how to fix it), when the last sample was taken, the API load it causes, and notes such as clock skew or nodes
 * without metrics.
 */
public record SamplerStatus(State state, String message, Instant lastSample, Duration interval, long requests,
                            long bytes, double requestsPerMinute, List<String> notes) {

    public enum State { STARTING, SAMPLING, METRICS_UNAVAILABLE, STOPPED }

    public SamplerStatus {
        notes = List.copyOf(notes);
    }
}
