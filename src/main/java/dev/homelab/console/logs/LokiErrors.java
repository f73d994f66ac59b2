package dev.homelab.console.logs;

import dev.homelab.console.util.Json;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Turns Loki's error answers (plain text, or a JSON envelope behind some gateways) into {@link LokiException}s. */
final class LokiErrors {

    private LokiErrors() {
    }

    static LokiException fromResponse(int status, String body, String retryAfterHeader, LokiEndpoint endpoint) {
        String message = lokiMessage(body);
        String where = "Loki (" + endpoint.via() + ")";
        if (status == 400 || status == 422) {
            return new LokiException(LokiException.Kind.BAD_QUERY, status, message, null,
                    where + " rejected the query: " + message, null);
        }
        if (status == 401 || status == 403) {
            String advice = endpoint.tenant().isPresent()
                    ? "check that tenant \"" + endpoint.tenant().get() + "\" is the one your log agent writes to"
                    : "Loki runs with auth_enabled; set the tenant (X-Scope-OrgID) your log agent writes to";
            return new LokiException(LokiException.Kind.UNAUTHORIZED, status, message, null,
                    where + " refused the request (" + status + ": " + message + "); " + advice + ".", null);
        }
        if (status == 429) {
            Duration retryAfter = retryAfter(retryAfterHeader);
            String when = retryAfter == null ? "wait a moment" : "retry in " + retryAfter.toSeconds() + " s";
            return new LokiException(LokiException.Kind.RATE_LIMITED, status, message, retryAfter,
                    where + " is limiting queries (429: " + message + "); " + when
                            + ", or narrow the range or the selector.", null);
        }
        return new LokiException(LokiException.Kind.SERVER, status, message, retryAfter(retryAfterHeader),
                where + " failed with HTTP " + status + ": " + message
                        + ". Look at the Loki pod's log; the query can be retried.", null);
    }

    static String lokiMessage(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("{")) {
            try {
                JsonNode json = Json.JSON.readTree(text);
                for (String field : new String[]{"error", "message"}) {
                    if (json.hasNonNull(field)) {
                        return json.get(field).asString();
                    }
                }
            } catch (RuntimeException notJson) {
                // fall through: show the raw text
            }
        }
        if (text.isEmpty()) {
            return "no details in the answer";
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    /** Retry-After is either delay-seconds or an HTTP-date (RFC 9110). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
