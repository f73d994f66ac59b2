package dev.homelab.console.cluster;

import java.net.URI;

/**
 * A local address through which an in-cluster service answers, and how it is reached
 * ("port-forward to pod loki-0", "sandbox simulation", "user override").
 */
public record ServiceEndpoint(ServiceRef service, URI baseUri, String via) {

    /** baseUri with the path appended; path starts with '/'. */
    public URI resolve(String path) {
        String base = baseUri.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
