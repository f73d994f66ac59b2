package dev.homelab.console.reboot.buffers;

import dev.homelab.console.verify.prom.MetricsText;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.prom.PromApiException;

import java.time.Clock;

/** Reads vmagent's queue state from its own {@code /metrics} (not through VictoriaMetrics, which may be the one down). */
public final class VmagentBufferProbe {

    private final PromApiClient vmagent;
    private final Clock clock;

    public VmagentBufferProbe(PromApiClient vmagent, Clock clock) {
        this.vmagent = vmagent;
        this.clock = clock;
    }

    public BufferSnapshot read() throws PromApiException {
        MetricsText metrics = vmagent.scrape("/metrics");
        return new BufferSnapshot(clock.instant(),
                metrics.sum(BufferSnapshot.PENDING),
                metrics.sum(BufferSnapshot.QUEUE_PENDING),
                metrics.sum(BufferSnapshot.QUEUE_DROPPED),
                metrics.sum(BufferSnapshot.PACKETS_DROPPED),
                metrics.sum(BufferSnapshot.SAMPLES_DROPPED),
                metrics.sum(BufferSnapshot.REQUEST_ERRORS));
    }
}
