package dev.homelab.console.stack.vector;

import java.net.URI;
import java.util.Optional;

/**
 * What the operator decides about the Vector agent; everything else in its config is derived.
 *
 * @param lokiEndpoint     base URL of the in-cluster Loki (gateway or single binary), no path
 * @param tenantId         sent as X-Scope-OrgID when Loki has {@code auth_enabled: true}; empty when it has not
 * @param journalDirectory host journal: {@code /var/log/journal} (persistent) or {@code /run/log/journal} (volatile)
 * @param bufferMaxBytes   disk buffer of the Loki sink; Vector requires at least 268435488 bytes
 * @param hostDataPath     host folder holding checkpoints and the disk buffer; must survive reboots
 */
public record VectorAgentSpec(URI lokiEndpoint, Optional<String> tenantId, String journalDirectory,
                              long bufferMaxBytes, String hostDataPath) {

    /** Vector rejects smaller disk buffers ("max_size must be at least 268435488"). */
    public static final long MIN_DISK_BUFFER_BYTES = 268_435_488L;
    public static final long DEFAULT_DISK_BUFFER_BYTES = 512L * 1024 * 1024;

    public VectorAgentSpec {
        String scheme = lokiEndpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("Loki endpoint must be an http(s) URL, got '" + lokiEndpoint + "'");
        }
        if (lokiEndpoint.getPath() != null && lokiEndpoint.getPath().contains("/loki/api")) {
            throw new IllegalArgumentException("Loki endpoint is the base URL only (Vector appends /loki/api/v1/push): "
                    + lokiEndpoint);
        }
        if (bufferMaxBytes < MIN_DISK_BUFFER_BYTES) {
            throw new IllegalArgumentException("Vector's disk buffer needs at least " + MIN_DISK_BUFFER_BYTES
                    + " bytes (256 MiB); " + bufferMaxBytes + " was requested");
        }
        if (!journalDirectory.startsWith("/")) {
            throw new IllegalArgumentException("journal directory must be an absolute host path: " + journalDirectory);
        }
        if (!hostDataPath.startsWith("/") || hostDataPath.equals("/")) {
            throw new IllegalArgumentException("host data path must be an absolute folder such as /var/lib/vector: "
                    + hostDataPath);
        }
    }

    /** The defaults for a k3s home lab whose Loki answers at {@code lokiEndpoint}. */
    public static VectorAgentSpec forLoki(URI lokiEndpoint, Optional<String> tenantId) {
        return new VectorAgentSpec(lokiEndpoint, tenantId, "/var/log/journal", DEFAULT_DISK_BUFFER_BYTES,
                "/var/lib/vector");
    }
}
