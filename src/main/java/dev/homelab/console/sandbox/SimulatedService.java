package dev.homelab.console.sandbox;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * One simulated in-cluster HTTP service (Loki, vmsingle, vmagent, vmalert, Alertmanager, Grafana, MinIO, Prometheus).
 * It answers the documented API of the real service; a WebSocket endpoint answers with
 * {@code new MockResponse.Builder().webSocketUpgrade(listener).build()}.
 * Served on 127.0.0.1 by the sandbox and reached through the same HTTP client code as a real service.
 */
public interface SimulatedService {

    MockResponse dispatch(RecordedRequest request);

    /** Stop timers and streams. */
    default void close() {
    }
}
