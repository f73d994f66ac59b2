package dev.homelab.console.sandbox.vm;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/** Request parameters (query string or form body, as Prometheus-style APIs accept both) and JSON answers. */
final class SimHttp {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private SimHttp() {
    }

    /** Every value of a parameter, from the query string and from a form-encoded body. */
    static List<String> params(RecordedRequest request, String name) {
        List<String> values = new ArrayList<>(request.getUrl().queryParameterValues(name).stream()
                .filter(v -> v != null).toList());
        if (request.getBody() != null && request.getBody().size() > 0) {
            String contentType = request.getHeaders().get("Content-Type");
            if (contentType == null || contentType.startsWith("application/x-www-form-urlencoded")) {
                HttpUrl form = HttpUrl.get("http://form/?" + request.getBody().utf8());
                values.addAll(form.queryParameterValues(name).stream().filter(v -> v != null).toList());
            }
        }
        return values;
    }

    static String param(RecordedRequest request, String name, String fallback) {
        List<String> values = params(request, name);
        return values.isEmpty() ? fallback : values.get(0);
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(JSON.writeValueAsString(body)).build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain; charset=utf-8")
                .body(body).build();
    }

    static MockResponse notFound(RecordedRequest request) {
        return text(404, "404 page not found: " + request.getUrl().encodedPath() + "\n");
    }
}
