package dev.homelab.console.sandbox.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** JSON responses shaped like the API server's. */
final class ApiResponses {

    private ApiResponses() {
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body instanceof String s ? s : Serialization.asJson(body));
    }

    static MockResponse notFound() {
        Status status = new StatusBuilder().withStatus("Failure").withMessage("the server could not find the requested resource")
                .withReason("NotFound").withCode(404).withNewDetails().endDetails().build();
        return json(404, status);
    }

    static MockResponse notFound(String resource, String name) {
        Status status = new StatusBuilder().withStatus("Failure")
                .withMessage(resource + " \"" + name + "\" not found").withReason("NotFound").withCode(404)
                .withNewDetails().withName(name).withKind(resource).endDetails().build();
        return json(404, status);
    }
}
