package dev.homelab.console.sandbox.vector;

import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Vector's internal metrics as its {@code prometheus_exporter} sink shows them on :9090, and its API health on :8686.
 * Events flow to Loki while a Loki pod is Ready; while none is, the Loki sink errors, its disk buffer grows and
 * nothing is discarded (when_full: block), and the backlog drains once Loki is back.
 */
public final class SimulatedVector implements SimulatedService {

    static final double EVENTS_PER_SECOND = 40;
    static final double BYTES_PER_EVENT = 220;
    /** Draining is faster than filling: Vector sends batches as fast as Loki takes them. */
    static final double DRAIN_FACTOR = 8;

    private final SandboxWorld world;
    private final Instant started;
    private Instant last;
    private double sent;
    private double errors;
    private double buffered;
    private boolean counting;

    public SimulatedVector(SandboxWorld world) {
        this.world = world;
        this.started = world.clock().instant();
        this.last = started;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/health")) {
            return new MockResponse.Builder().code(200).body("{\"ok\":true}").build();
        }
        if (!path.equals("/metrics")) {
            return new MockResponse.Builder().code(404).body("not found").build();
        }
        advance(world.clock().instant());
        String text = String.format(Locale.ROOT, """
                # HELP vector_component_sent_events_total The total number of events emitted by this component.
                # TYPE vector_component_sent_events_total counter
                vector_component_sent_events_total{component_id="loki",component_kind="sink",component_type="loki"} %.0f
                # HELP vector_component_errors_total The total number of errors encountered by this component.
                # TYPE vector_component_errors_total counter
                vector_component_errors_total{component_id="loki",component_kind="sink",component_type="loki",error_type="request_failed",stage="sending"} %.0f
                # HELP vector_buffer_size_bytes The number of bytes currently in the buffer.
                # TYPE vector_buffer_size_bytes gauge
                vector_buffer_size_bytes{buffer_type="disk",component_id="loki",component_kind="sink",stage="0"} %.0f
                vector_buffer_size_events{buffer_type="disk",component_id="loki",component_kind="sink",stage="0"} %.0f
                # HELP vector_buffer_discarded_events_total The number of events dropped by this buffer.
                # TYPE vector_buffer_discarded_events_total counter
                vector_buffer_discarded_events_total{buffer_type="disk",component_id="loki",component_kind="sink",intentional="false",stage="0"} 0
                """, sent, errors, buffered * BYTES_PER_EVENT, buffered);
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/plain; version=0.0.4")
                .body(text).build();
    }

    private void advance(Instant now) {
        if (!counting) {
            // the simulation is made when its Service is first asked; Vector's counters run since its pods started
            last = earliestPodStart().filter(start -> start.isBefore(now)).orElse(last);
            counting = true;
        }
        double seconds = Math.max(0, Duration.between(last, now).toMillis() / 1000.0);
        last = now;
        double produced = seconds * EVENTS_PER_SECOND;
        if (lokiReady()) {
            double drained = Math.min(buffered, produced * DRAIN_FACTOR);
            buffered -= drained;
            sent += produced + drained;
        } else {
            buffered += produced;
            errors += Math.max(1, seconds / 5);
        }
    }

    private java.util.Optional<Instant> earliestPodStart() {
        return world.kube().pods().inAnyNamespace().withLabel("app.kubernetes.io/name", "vector").list().getItems()
                .stream().filter(PodFactory::isReady).map(pod -> pod.getMetadata().getCreationTimestamp())
                .filter(java.util.Objects::nonNull).map(Instant::parse).min(Instant::compareTo);
    }

    private boolean lokiReady() {
        return world.kube().pods().inAnyNamespace().withLabel("app.kubernetes.io/name", "loki").list().getItems()
                .stream().anyMatch(PodFactory::isReady);
    }

}
