package dev.homelab.console.verify.vm;

import okhttp3.FormBody;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Pushover's API ({@code https://api.pushover.net/1/}): only the credential check, which sends no message. */
public final class PushoverClient {

    public static final URI API = URI.create("https://api.pushover.net/1/");
    private final JsonHttp http;

    public PushoverClient(URI base) {
        this.http = new JsonHttp(base, "Pushover");
    }

    /** The answer of {@code users/validate.json}. */
    public record Validation(boolean valid, List<String> devices, List<String> errors) {
    }

    /** {@code POST users/validate.json} with the application token and the user key (sent in the body only). */
    public Validation validate(String token, String userKey) throws ServiceCallException {
        JsonHttp.Answer answer = http.post("users/validate.json",
                new FormBody.Builder().add("token", token).add("user", userKey).build());
        if (answer.status() >= 500) {
            throw new ServiceCallException("Pushover answered HTTP " + answer.status() + "; try again later",
                    answer.status());
        }
        JsonNode root = http.parse(answer);
        List<String> devices = new ArrayList<>();
        root.path("devices").forEach(d -> devices.add(d.asString("")));
        List<String> errors = new ArrayList<>();
        root.path("errors").forEach(e -> errors.add(e.asString("")));
        return new Validation(root.path("status").asInt(0) == 1, devices, errors);
    }
}
