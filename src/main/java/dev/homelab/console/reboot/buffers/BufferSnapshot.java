package dev.homelab.console.reboot.buffers;

import java.time.Instant;

/**
 * vmagent's remote-write queue at one moment, read from its {@code /metrics}: bytes waiting (memory + disk), bytes
 * on the persistent queue, and the counters that grow only when data is thrown away. NaN = metric not exposed.
 */
public record BufferSnapshot(Instant at, double pendingBytes, double persistentQueueBytes, double queueBytesDropped,
                             double packetsDropped, double samplesDropped, double requestErrors) {

    public static final String PENDING = "vmagent_remotewrite_pending_data_bytes";
    public static final String QUEUE_PENDING = "vm_persistentqueue_bytes_pending";
    public static final String QUEUE_DROPPED = "vm_persistentqueue_bytes_dropped_total";
    public static final String PACKETS_DROPPED = "vmagent_remotewrite_packets_dropped_total";
    public static final String SAMPLES_DROPPED = "vmagent_remotewrite_samples_dropped_total";
    public static final String REQUEST_ERRORS = "vmagent_remotewrite_errors_total";

    /** Everything that counts as lost data; NaN-safe (a missing counter counts as 0). */
    public double droppedTotal() {
        return zeroIfNaN(queueBytesDropped) + zeroIfNaN(packetsDropped) + zeroIfNaN(samplesDropped);
    }

    private static double zeroIfNaN(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
