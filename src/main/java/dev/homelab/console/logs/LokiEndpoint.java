package dev.homelab.console.logs;

import java.net.URI;
import java.util.Optional;

/**
 * Where Loki answers right now: a base URL (a port-forward on 127.0.0.1, the sandbox, or the user's override),
 * the tenant for {@code X-Scope-OrgID} when Loki runs with {@code auth_enabled}, and a human description of the path
 * ("port-forward to monitoring/loki-0").
 */
public record LokiEndpoint(URI baseUri, Optional<String> tenant, String via) {

    public LokiEndpoint {
        String text = baseUri.toString();
        if (text.endsWith("/")) {
            baseUri = URI.create(text.substring(0, text.length() - 1));
        }
    }

    public LokiEndpoint withTenant(String value) {
        return new LokiEndpoint(baseUri, Optional.ofNullable(value).filter(t -> !t.isBlank()), via);
    }
}
