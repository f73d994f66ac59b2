package dev.homelab.console.sandbox.reboot;

import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** vmagent's {@code /metrics} as the reboot model sees it: the remote-write queue and its (zero) drop counters. */
public final class SimulatedVmagentQueue implements SimulatedService {

    private final ScrapePipelineModel model;

    public SimulatedVmagentQueue(ScrapePipelineModel model) {
        this.model = model;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"/metrics".equals(request.getUrl().encodedPath())) {
            return new MockResponse.Builder().code(404).body("unsupported").build();
        }
        long pending = model.pendingBytes();
        String labels = "{path=\"/tmp/vmagent-remotewrite-data/persistent-queue/1_0\",url=\"1:secret-url\"}";
        String body = "# TYPE vmagent_remotewrite_pending_data_bytes gauge\n"
                + "vmagent_remotewrite_pending_data_bytes" + labels + " " + pending + "\n"
                + "vm_persistentqueue_bytes_pending{path=\"/tmp/vmagent-remotewrite-data/persistent-queue/1_0\"} "
                + pending + "\n"
                + "vm_persistentqueue_bytes_dropped_total{path=\"/tmp/vmagent-remotewrite-data/persistent-queue/1_0\"} 0\n"
                + "vmagent_remotewrite_packets_dropped_total{url=\"1:secret-url\"} 0\n";
        return new MockResponse.Builder().addHeader("Content-Type", "text/plain").body(body).build();
    }
}
